-- places.lua (fr): places that the gazetteers do not know, after a word
-- that says what they are: "la province de Quang Tri", "le lac Hoan Kiem",
-- "la ville de Vinh", "le district de Hoan Kiem", "l'île de Phu Quoc".
-- The place is the capitalized words; nothing is found without the word.
language "fr"

local function words(list)
  local t = {}
  for i, w in ipairs(list) do t[i] = w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?|\\{}]", "\\%0"):gsub("'", "['’]") end
  return "^(?i:" .. table.concat(t, "|") .. ")$"
end
local UPPER = "^\\p{Lu}"
local PLACE_WORD = { regex = words { "province", "région", "ville", "district", "commune", "département",
                               "préfecture", "village", "quartier", "canton", "comté", "arrondissement" } }
local WATER = { regex = words { "lac", "fleuve", "rivière", "mont", "île", "îles", "golfe", "détroit",
                          "baie", "archipel", "péninsule", "massif", "vallée", "delta", "désert" } }
local NAMEW = { kind = "word", regex = UPPER, not_entity = { "ORG", "PER" } }
local NAME = { NAMEW, { alt = { { NAMEW }, { "-", { kind = "word", regex = UPPER } } }, rep = { 0, 3 } } }

entity "province de X" {
  type = "LOC",
  before = { PLACE_WORD, { fold = { "de", "d'", "du" } } },
  pattern = NAME,
}
entity "lac X" {
  type = "LOC",
  before = { WATER, { fold = { "de", "d'", "du", "des" }, rep = "?" } },
  pattern = NAME,
}
