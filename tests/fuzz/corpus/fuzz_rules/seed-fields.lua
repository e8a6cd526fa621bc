entity "x" { type = "X", befor = { "a" }, pattern = { {lower = {"a", 5}, rep = 4294967297} }, priority = 2^40 }
