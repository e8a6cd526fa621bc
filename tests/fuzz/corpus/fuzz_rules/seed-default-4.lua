-- places.lua (fr): places that the gazetteers do not know, after a word
-- that says what they are: "la province de Quang Tri", "le lac Hoan Kiem",
-- "la ville de Vinh", "le district de Hoan Kiem", "l'île de Phu Quoc".
-- The place is the capitalized words; nothing is found without the word.
language "fr"

for _, l in ipairs { "fr-place-words", "fr-water-words" } do lexicon((l:gsub("%-", "_"))) { file = "data:lexicons/" .. l .. ".tsv" } end
local PLACE_WORD, WATER = { lexicon = "fr_place_words" }, { lexicon = "fr_water_words" }  -- province, ville; lac, île
-- Tests are atoms and lexicons (policy norm: case-insensitive, accents kept), not regexes.
-- cap(t) is "^\\p{Lu}": a title-case or all-capital word not led by a digit (5G), or a mixed one (McDonald)
local DIGIT_CAP, MIXED = { "dX", "dXX", "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX" }, {}
for b = 1, 4 do for d = 1, 4 do MIXED[#MIXED + 1] = "X" .. ("x"):rep(b) .. "X" .. ("x"):rep(d) end MIXED[#MIXED + 1] = "X'X" .. ("x"):rep(b) MIXED[#MIXED + 1] = "X’X" .. ("x"):rep(b) end
local function cap(t)
  local alts = {} for i, x in ipairs { { flags = "title", not_shape = DIGIT_CAP }, { flags = "upper", not_shape = DIGIT_CAP }, { shape = MIXED } } do
    local e = {} for k, v in pairs(t) do e[k] = v end for k, v in pairs(x) do e[k] = v end alts[i] = { e } end return { alt = alts }
end
local NAMEW = cap { kind = "word", not_entity = { "ORG", "PER" } }
local NAME = { NAMEW, { alt = { { NAMEW }, { "-", cap { kind = "word" } } }, rep = { 0, 3 } } }

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
