entity "f" { type = "X", pattern = { {flags = "title", rep = "+", name = "n"} }, action = function(m)
  local f = {a = 1}
  f.z = setmetatable({}, {__tostring = function() for k in pairs(f) do f[k] = nil end return "x" end})
  return {features = f, canonical = m.n.text}
end }
