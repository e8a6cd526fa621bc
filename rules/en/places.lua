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

-- A name and the word that says what kind of place it is, the word in the
-- span as English writes it: "Aabenraa County", "Reading Road", "Sandy
-- Creek", "Doyt Perry Stadium". The head words are place-heads.tsv, less
-- those that also end organizations' or teams' names (Hall, State, City,
-- Land), name the building of an institution (Church, Cathedral, Tower)
-- or begin a name rather than end it (Mount, Cape, Lake, Port). A word of
-- an organization's name before it makes the whole an organization's
-- ("Dover Area School District").
lexicon "place_heads" { file = "data:lexicons/place-heads.tsv" }
local TITLE = "^\\p{Lu}\\p{Ll}"
local HEAD = { lexicon = "place_heads", regex = TITLE,
               not_text = { "Hall", "State", "City", "Land", "Place", "Mount", "Cape", "Lake", "Port", "St",
                            "Church", "Cathedral", "Chapel", "Abbey", "Tower" } }
lexicon "org_heads" { file = "data:lexicons/org-heads.tsv" }
lexicon "org_final" { file = "data:lexicons/org-final-heads.tsv" }
local NOT_PLACE_NAME = { "place_heads", "org_heads", "org_final" }
local NAME_START = { kind = "word", regex = UPPER, not_entity = { "ORG", "PER", "LAW" },
                     not_lexicon = { "name_stops", table.unpack(NOT_PLACE_NAME) } }
local NAME_MORE = { kind = "word", regex = UPPER, not_entity = { "ORG", "PER", "LAW" }, not_lexicon = NOT_PLACE_NAME }
entity "X + place word" {
  type = "LOC",
  priority = 11,   -- over "X province", whose span leaves a lower-case head out
  pattern = { NAME_START, { alt = { { NAME_MORE }, { "-", { kind = "word", regex = UPPER } } }, rep = { 0, 2 } }, HEAD },
  after = { { alt = { { { edge = "end" } }, { { not_regex = UPPER } } } } },
}
-- "Highway 301", "Route 66", "Interstate 95"
entity "road number" {
  type = "LOC",
  pattern = { { text = { "Highway", "Route", "Interstate", "Motorway" } }, { regex = "^[A-Z]?\\d{1,4}[A-Z]?$" } },
}
