-- module.lua: the entrel Lua module from a plain lua5.4, as a Lua program
-- uses it.  Run as: lua5.4 tests/lua/module.lua BUILD_DIR; prints TAP.
-- See LICENSE for copyright and licence.
local build = arg[1] or "build"
package.cpath = build .. "/lua/?.so;" .. package.cpath
local entrel = require "entrel"

local n, failed = 0, 0
local function check(what, ok)
  n = n + 1
  if not ok then failed = failed + 1 end
  print((ok and "ok " or "not ok ") .. n .. " - " .. what)
end

check("the module says its version", type(entrel.version) == "string" and entrel.version:match("^%d+%.%d+%.%d+$"))

local engine, err = entrel.engine { rules = { "rules/fr" }, data_dir = "rules",
                                    plugins = { build .. "/plugins/dates.so" } }
check("an engine with the French rules and the dates plugin", engine ~= nil and err == nil)

local text = "Le ministre Jean Dupont a présidé la séance le 26 mars 2025. M. Dupont a salué l'Office des Nations Unies contre la drogue et le crime (ONUDC)."
local doc = engine:extract(text, { id = "a", tokens = true })
local by_type = {}
for _, e in ipairs(doc.entities) do
  by_type[e.type] = by_type[e.type] or {}
  table.insert(by_type[e.type], e)
end
check("a document: id, language", doc.id == "a" and doc.lang == "fr")
check("a person, with its rule and the text at its offsets",
      by_type.PER and by_type.PER[1].text == "Jean Dupont" and by_type.PER[1].source == "rule:title + name"
      and text:sub(by_type.PER[1].first, by_type.PER[1].last) == "Jean Dupont")
check("a date with its ISO value", by_type.DATE and by_type.DATE[1].value == "2025-03-26")
local rel = doc.relations[1]
check("a relation, its head an entity and its tail a phrase",
      rel and rel.type == "presided_over" and rel.head.text == "Jean Dupont"
      and doc.entities[rel.head.entity].text == "Jean Dupont" and rel.tail.text == "la séance" and rel.tail.entity == nil)
local dupont = by_type.PER and by_type.PER[#by_type.PER]
check("clusters: the later Dupont is a mention of Jean Dupont",
      dupont and dupont.text == "Dupont" and doc.clusters[dupont.cluster].name == "Jean Dupont"
      and #doc.clusters[dupont.cluster].mentions == 2)
check("tokens when asked", doc.tokens and doc.tokens[1].text == "Le" and doc.tokens[1].kind == "word")
local again = engine:extract("Rien ici.")
check("another document through the same engine, without tokens", #again.entities == 0 and again.tokens == nil)
local bad, msg = entrel.engine { rules = { "no/such/rules" } }
check("a bad rule path: nil and the error", bad == nil and type(msg) == "string" and msg:find("no/such/rules", 1, true))
local ok = pcall(entrel.engine, { lang = "de" })
check("a bad language is an error", not ok)
local nodate, derr = engine:extract("Hier.", { date = "2025-13-01" })
check("a bad document date: nil and the error", nodate == nil and derr == "invalid argument")
engine:close()
check("a closed engine refuses to extract", not pcall(engine.extract, engine, "x"))
collectgarbage()
print("1.." .. n)
os.exit(failed == 0 and 0 or 1)
