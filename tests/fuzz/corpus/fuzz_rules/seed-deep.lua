local p = "a"
for i = 1, 20 do p = {seq = {p}} end
entity "deep" { type = "X", pattern = {p} }
