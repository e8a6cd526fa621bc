-- places.lua (en): places the gazetteers do not know, after or before a
-- word that says what they are: "Quang Tri province", "the province of
-- Quang Tri", "Lake Hoan Kiem", "Hoan Kiem Lake", "the city of Vinh".
language "en"

local ok, err = pcall(lexicon("name_stops"), { file = "data:lexicons/name-stops.tsv" })
if not ok and not tostring(err):find("declared twice", 1, true) then error(err) end
local UPPER = "^\\p{Lu}"
local NAMEW = { kind = "word", regex = UPPER, not_entity = { "ORG", "PER" } }
local NAME = { { kind = "word", regex = UPPER, not_entity = { "ORG", "PER" }, not_lexicon = "name_stops" }, { alt = { { NAMEW }, { "-", { kind = "word", regex = UPPER } } }, rep = { 0, 3 } } }

entity "the province of X" {
  type = "LOC",
  before = { { lower = { "province", "city", "town", "village", "district", "region", "island", "county", "prefecture" } }, "of" },
  pattern = NAME,
}
entity "X province" {
  type = "LOC",
  before = { { lower = { "in", "of", "from", "to", "near", "at" } } },
  pattern = NAME,
  after = { { lower = { "province", "district", "prefecture", "county" } } },
}
entity "Lake X" {
  type = "LOC",
  before = { { text = { "Lake", "Mount", "Mt.", "lake" } } },
  pattern = NAME,
}
