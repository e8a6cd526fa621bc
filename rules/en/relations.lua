-- relations.lua (en): presided_over, co_organized_with, located_in,
-- alias_of, head_of, signed, adopted_by. Arguments are the entities found
-- before (gazetteers and entity rules); presided_over and signed may take
-- a plain noun phrase as their tail ("the discussion", "an agreement").
language "en"

lexicon "titles" { file = "data:lexicons/titles.tsv" }
lexicon "head_roles" { file = "data:lexicons/head-roles.tsv" }

local function words(list)
  local t = {}
  for i, w in ipairs(list) do t[i] = w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?|\\{}]", "\\%0"):gsub("'", "['’]") end
  return "^(?i:" .. table.concat(t, "|") .. ")$"
end
local FUNC = words { "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "by", "for", "with",
  "from", "is", "are", "was", "were", "be", "been", "has", "have", "had", "that", "which", "who",
  "it", "its", "this", "these", "those", "their", "his", "her", "as", "after", "before", "during",
  "yesterday", "today", "tomorrow", "last", "next", "on", "over", "into", "also", "while" }

local function ent(types, nm) return { entity = types, rep = "+", name = nm } end
local ANY = { "PER", "ORG", "LOC" }
local THE = { lower = "the", rep = "?" }
local DETN = { regex = words { "the", "a", "an", "this", "that", "its", "his", "her", "their" } }
local NOUN = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]+$", not_regex = FUNC }
-- a short noun phrase: "the discussion", "the opening session", "a trade agreement"
local NP = { DETN, { seq = { NOUN }, rep = { 0, 2 } }, NOUN }
local TITLES = { lexicon = "titles", not_entity = ANY, rep = { 0, 6 } }

-- presided_over
relation "X presided over Y" {
  type = "presided_over",
  pattern = { ent(ANY, "head"), { text = ",", rep = "?" },
              { alt = { { { regex = "^(?i:presided|presides|presiding|co-?presided)$" }, "over" },
                        { { regex = "^(?i:chaired|chairs|co-?chaired|chairing)$" } },
                        { { lower = { "will", "to" } }, { alt = { { "preside", "over" }, { { lower = { "chair", "co-chair" } } } } } } } },
              { alt = { { ent({ "ORG", "LAW", "LOC" }) }, { seq = NP } }, name = "tail" } },
}
relation "Y chaired by X" {
  type = "presided_over",
  pattern = { { seq = NP, name = "tail" }, { text = ",", rep = "?" },
              { seq = { { lower = { "was", "were", "is", "will" } }, { lower = "be", rep = "?" } }, rep = "?" },
              { alt = { { { regex = "^(?i:chaired|co-?chaired|presided)$" }, { lower = "over", rep = "?" }, "by" },
                        { "under", "the", { lower = { "chairmanship", "chairship", "presidency", "chair" } }, "of" } } },
              THE, TITLES, ent({ "PER", "ORG", "LOC" }, "head") },
}

-- co_organized_with
local COORG = { alt = {
  { { lower = "co" }, "-", { regex = "^(?i:organi[sz]ed|hosted|sponsored|chaired|convened)$" } },
  { { regex = "^(?i:coorgani[sz]ed|cohosted|cosponsored)$" } },
  { { lower = "jointly" }, { regex = "^(?i:organi[sz]ed|hosted|convened|held)$" } },
} }
relation "co-organized by X and Y" {
  type = "co_organized_with",
  pattern = { COORG, "by", THE, ent(ANY, "head"), { text = ",", rep = "?" }, "and", THE, ent(ANY, "tail") },
}
relation "organized by X in partnership with Y" {
  type = "co_organized_with",
  pattern = { { regex = "^(?i:organi[sz]ed|hosted|convened)$" }, "by", THE, ent(ANY, "head"), { text = ",", rep = "?" },
              "in", { lower = { "partnership", "cooperation", "collaboration", "association", "conjunction" } }, "with",
              THE, ent(ANY, "tail") },
}
relation "X and Y co-organized" {
  type = "co_organized_with",
  pattern = { ent(ANY, "head"), "and", THE, ent(ANY, "tail"),
              { alt = { { COORG }, { { lower = { "have", "had", "will" } }, COORG },
                        { { regex = "^(?i:organi[sz]ed|hosted|convened)$" }, "jointly" } } } },
}
relation "X, in partnership with Y, organized" {
  type = "co_organized_with",
  pattern = { ent(ANY, "head"), { text = ",", rep = "?" }, "in", { lower = { "partnership", "cooperation", "collaboration" } }, "with",
              THE, ent(ANY, "tail"), { text = ",", rep = "?" },
              { regex = "^(?i:organi[sz]ed|organi[sz]es|hosted|hosts|held|holds|launched|convened)$" } },
}

-- located_in: "in Vienna, Austria", "Da Nang (Vietnam)", "Hue, a city in central Vietnam"
relation "in X, Y" {
  type = "located_in",
  before = { { regex = words { "in", "at", "from", "to", "near", "of", "outside", "visited", "visit", "across" } } },
  pattern = { ent("LOC", "head"), ",", THE, ent("LOC", "tail"),
              { alt = { { { not_lower = { "and", "or", "," }, not_entity = "LOC" } },
                        { ",", { not_lower = { "and", "or" }, not_entity = "LOC" } } } } },
  action = function(m) return m.head.text ~= m.tail.text end,
}
relation "X (Y)" {
  type = "located_in",
  pattern = { ent("LOC", "head"), "(", ent("LOC", "tail"), ")" },
  action = function(m) return m.head.text ~= m.tail.text end,
}
relation "X, the capital of Y" {
  type = "located_in",
  pattern = { ent("LOC", "head"), ",", { lower = { "the", "a", "an" }, rep = "?" },
              { regex = "^(?i:[a-z-]+ern|central|coastal|northern|southern|eastern|western)$", rep = "?" },
              { regex = words { "capital", "city", "town", "province", "region", "port", "village", "district", "state", "island" } },
              { lower = { "of", "in" } }, { regex = "^(?i:[a-z-]+ern|central|coastal)$", rep = "?" }, THE, ent("LOC", "tail") },
  action = function(m) return m.head.text ~= m.tail.text end,
}

-- alias_of
local ACR = { kind = "word", regex = "^\\p{Lu}[\\p{Lu}\\p{N}&.-]+$" }
relation "long form (ACR)" {
  type = "alias_of",
  pattern = { ent({ "ORG", "LAW", "LOC" }, "tail"), "(", { seq = { ACR }, rep = { 1, 2 }, name = "head" }, ")" },
  action = function(m)
    return m.head.text ~= m.tail.text and m.tail.text:find("%s") ~= nil and is_acronym(m.head.text, m.tail.text)
  end,
}
relation "ACR (long form)" {
  type = "alias_of",
  pattern = { { seq = { ACR }, rep = { 1, 2 }, name = "head" }, "(", ent({ "ORG", "LAW", "LOC" }, "tail"), ")" },
  action = function(m)
    return m.head.text ~= m.tail.text and m.tail.text:find("%s") ~= nil and is_acronym(m.head.text, m.tail.text)
  end,
}

-- head_of
local ROLE = { lexicon = "head_roles", not_entity = { "ORG", "LOC" } }
-- "X, head of the permanent mission", "Ghada Waly, Executive Director of UNODC"
relation "X, head of Y" {
  type = "head_of",
  pattern = { ent("PER", "head"), ",", { regex = words { "the", "a", "current", "new", "acting" }, rep = "?" },
              { lexicon = "titles", not_entity = { "ORG", "LOC" }, rep = { 0, 3 } }, ROLE,
              { lexicon = "titles", not_entity = { "ORG", "LOC" }, rep = { 0, 3 } },
              { lower = { "of", "at" } }, THE, ent({ "ORG", "LOC" }, "tail") },
}
-- "X, UNODC Executive Director", "UNODC Executive Director X"
relation "Y role X" {
  type = "head_of",
  pattern = { ent("ORG", "tail"), { text = "'s", rep = "?" }, { lexicon = "titles", rep = { 0, 3 } }, ROLE,
              { lexicon = "titles", not_entity = { "ORG", "LOC" }, rep = { 0, 3 } }, { text = ",", rep = "?" }, ent("PER", "head") },
}
relation "X, Y role" {
  type = "head_of",
  pattern = { ent("PER", "head"), ",", THE, ent("ORG", "tail"), { text = "'s", rep = "?" },
              { lexicon = "titles", rep = { 0, 3 } }, ROLE },
}
-- "the director of UNODC, X"
relation "head of Y, X" {
  type = "head_of",
  pattern = { ROLE, { lexicon = "titles", not_entity = { "ORG", "LOC" }, rep = { 0, 3 } }, { lower = { "of", "at" } }, THE,
              ent({ "ORG", "LOC" }, "tail"), { text = ",", rep = "?" }, { lexicon = "titles", rep = { 0, 3 } }, ent("PER", "head") },
}
relation "X heads Y" {
  type = "head_of",
  pattern = { ent("PER", "head"), { seq = { ",", "who" }, rep = "?" },
              { regex = words { "heads", "headed", "leads", "led", "chairs", "runs", "directs" } }, THE, ent("ORG", "tail") },
}

-- signed
local SIGN = { alt = { { { lower = { "has", "have", "had", "will", "to" } }, { regex = "^(?i:signed|sign|ratified|ratify|initialed|initialled)$" } },
                       { { regex = "^(?i:signed|signs|ratified|ratifies|inked)$" } } } }
relation "X signed Y" {
  type = "signed",
  pattern = { ent(ANY, "head"), SIGN, THE, { alt = { { ent("LAW") }, { seq = NP } }, name = "tail" } },
}
relation "Y signed by X" {
  type = "signed",
  pattern = { { alt = { { ent("LAW") }, { seq = NP } }, name = "tail" }, { text = ",", rep = "?" },
              { seq = { { lower = { "was", "were", "has", "have" } }, { lower = "been", rep = "?" } }, rep = "?" },
              { regex = "ly$", rep = "?" }, { regex = "^(?i:signed|ratified)$" }, "by", THE, TITLES, ent(ANY, "head") },
}

-- adopted_by
relation "Y adopted by X" {
  type = "adopted_by",
  pattern = { ent("LAW", "head"), { text = ",", rep = "?" },
              { seq = { { lower = { "was", "were", "is", "has", "had" } }, { lower = "been", rep = "?" } }, rep = "?" },
              { regex = "ly$", rep = "?" }, { regex = "^(?i:adopted|approved|passed)$" }, "by", THE, ent({ "ORG", "LOC" }, "tail") },
}
relation "X adopted Y" {
  type = "adopted_by",
  pattern = { ent({ "ORG", "LOC" }, "tail"), { lower = { "has", "have", "had" }, rep = "?" }, { regex = "ly$", rep = "?" },
              { regex = "^(?i:adopted|adopts|approved|passed)$" }, THE, ent("LAW", "head") },
}
