local s = string.rep("a", 300)
local x = s:find(".-.-.-b")
print(s:gsub("(a)(a)", "%2%1"))
for w in s:gmatch("%a+") do end
setmetatable({}, {__gc = function() while true do end end})
