-- people.lua (fr): persons after a title, a role, an honorific or an
-- occupation; persons before a reporting verb or an appositive title.
-- Rules are general: no name of a given person is written here.
language "fr"

-- A lexicon is shared by every rule file once declared; each file
-- declares what it uses, and a second declaration is skipped.
local function lex(name, file) lexicon(name) { file = file } end
for _, l in ipairs { "titles", "ambiguous-titles", "occupations", "name-stops", "org-heads", "particles", "fr-months",
                     "fr-bare-stops", "fr-report-past", "fr-report-now", "fr-report-before" } do
  lex((l:gsub("%-", "_")), "data:lexicons/" .. l .. ".tsv")
end
-- Tests are atoms (integer compares) and lexicons (a bit per token), not
-- regexes, which run PCRE2 on each token they meet. Word lists are lexicons
-- of policy norm (case-insensitive, accents kept, ' and ’ both listed).
-- cap(t): t and "^\\p{Lu}", a first letter in upper case: a title-case or
-- all-capital word not led by a digit (5G), or a mixed one (McDonald, O'Brien).
local DIGIT_CAP, MIXED = { "dX", "dXX", "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX" }, {}
for b = 1, 3 do for d = 1, 4 do MIXED[#MIXED + 1] = "X" .. ("x"):rep(b) .. "X" .. ("x"):rep(d) end end
for b = 1, 4 do MIXED[#MIXED + 1] = "X'X" .. ("x"):rep(b); MIXED[#MIXED + 1] = "X’X" .. ("x"):rep(b) end
local function cap(t, rep, first)  -- first: for a first token, tested everywhere, no mixed case
  local alts = {}
  for i, x in ipairs { { flags = "title", not_shape = DIGIT_CAP }, { flags = "upper", not_shape = DIGIT_CAP }, { shape = MIXED } } do
    local e = {}
    for k, v in pairs(t or {}) do e[k] = v end
    for k, v in pairs(x) do e[k] = v end
    alts[i] = { e }
  end
  if first then alts[3] = nil end
  return { alt = alts, rep = rep }
end
local function particle(rep) return { alt = { { { lexicon = "particles" } }, { { lower = { "d'" } } } }, rep = rep } end  -- d' is no lexicon match
local LETTER = { kind = "word", not_shape = { "dx", "dxx", "dxxx", "dxxxx", "ddx", "ddxx", "ddxxx", "ddxxxx", "dX", "dXX", -- "^\\p{L}"
  "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX", "dXx", "dXxx", "dXxxx", "dXxxxx" } }

-- One word of a name after a title: capitalized, not a title (extra may
-- change that), not in an organization of the gazetteers, not a month.
local function word(extra)
  local t = { kind = "word", not_entity = "ORG" }
  for k, v in pairs(extra or {}) do t[k] = v end
  t.not_lexicon = { t.not_lexicon or "titles", "fr_months" }
  return cap(t)
end
-- A name: a first word, then words, hyphen parts (Jean-Yves, al-Sissi)
-- and particles before a capitalized word that is not a place
-- (Charles de Gaulle, Ursula von der Leyen, Lula da Silva).
local function name(min_more, first_extra, more_extra)
  return { word(first_extra),
    { alt = { { word(more_extra) }, { "-", LETTER },
              { particle { 1, 2 }, cap { kind = "word", not_entity = { "ORG", "LOC" }, not_lexicon = "titles" } },
              { particle(), "-", cap { kind = "word" } } },
      rep = { min_more, 5 } } }
end

-- What may come between a title and the name: "de l'ONU", "du Vietnam",
-- "auprès des Nations Unies", "français des Affaires étrangères" is in the lexicon.
local PREP = { alt = {
  { { lower = { "de", "du", "des", "d'", "au", "aux", "à", "pour", "en" } } },
  { { lower = { "de", "à" } }, { fold = { "la", "l'" } } },
  { "auprès", { fold = { "de", "du", "des", "d'" } } },
  { "auprès", "de", { fold = { "la", "l'" } } },
} }
local COMPLEMENT = { seq = { PREP, { entity = { "ORG", "LOC" }, rep = { 1, 4 } } }, rep = { 1, 2 } }
-- "l'ambassadeur Vu Le Thai Hoang", "M. Dupont", "le ministre des Affaires étrangères Jean Martin"
entity "title + name" {
  type = "PER",
  before = { { lexicon = "titles", not_lexicon = "ambiguous_titles", not_entity = "ORG" } },
  pattern = name(0),
}

-- "le secrétaire général de l'ONU António Guterres", "le président du Sénégal, Macky Sall"
entity "title + complement + name" {
  type = "PER",
  before = { { lexicon = "titles", not_entity = "ORG" }, COMPLEMENT, { text = ",", rep = "?" } },
  pattern = name(1, { not_entity = { "ORG", "LOC" } }),
}

-- "le chef Jean Dupont", "le juge Marc Trévidic": a title that is also a
-- common word wants two name words.
entity "ambiguous title + name" {
  type = "PER",
  before = { { lexicon = "ambiguous_titles", not_entity = "ORG" } },
  pattern = name(1, nil, { not_lexicon = "org_heads" }),
}

-- "le ministre de l'Intérieur, Bruno Martin, a annoncé"
entity "title, name," {
  type = "PER",
  before = { { lexicon = "titles", not_entity = "ORG" }, "," },
  pattern = name(1),
  after = { { text = { ",", "(" } } },
}

-- "l'artiste du peuple Xuan Bac", "le journaliste Jean Dupont"
entity "occupation + name" {
  type = "PER",
  before = { { lexicon = "occupations", not_entity = "ORG" } },
  pattern = name(1, { not_lexicon = "occupations" }, { not_lexicon = "org_heads" }),
}

-- Without a title, a name of two to four words must be followed by a
-- reporting verb or an appositive role, hold no word of the gazetteers'
-- entities and no organization head word. Priority below the titled rules.
local BARE = { kind = "word", not_entity = { "ORG", "LOC", "LAW" },
               not_lexicon = "org_heads" }
-- the first word: no title, place or law key word (fr-bare-stops.tsv)
local BARE_FIRST = { kind = "word", not_entity = { "ORG", "LOC", "LAW" },
                     not_lexicon = { "name_stops", "fr_bare_stops" } }
local function bare_name()
  return { cap(BARE_FIRST, nil, true),
           { alt = { { cap(BARE) }, { "-", cap { kind = "word" } },
                     { particle { 1, 2 }, cap(BARE) } },
             rep = { 1, 3 } } }
end

-- reporting verbs: "a déclaré" (fr-report-past.tsv), "déclare"
-- (fr-report-now.tsv) after the name, "selon" (fr-report-before.tsv) before it
local REPORT = { lexicon = "fr_report_past" }
local REPORT_NOW = { lexicon = "fr_report_now" }
local REPORT_AFTER = { lexicon = "fr_report_before" }
entity "name + reporting verb" {
  type = "PER",
  priority = 5,
  pattern = bare_name(),
  after = { { alt = { { "a", REPORT }, { REPORT_NOW } } } },
}

-- "..., a déclaré Jean Dupont." / "selon Marie Curie,"
entity "reporting verb + name" {
  type = "PER",
  priority = 5,
  before = { { alt = { { "a", REPORT }, { REPORT_AFTER } } } },
  pattern = bare_name(),
  after = { { text = { ",", ".", ";", "(", "!", "?", "»" } } },
}

-- "Ghada Waly, directrice exécutive de l'ONUDC"
entity "name, role" {
  type = "PER",
  priority = 5,
  pattern = bare_name(),
  after = { ",", { lower = { "le", "la", "l'", "ancien", "ancienne", "nouveau", "nouvelle" }, rep = "?" },
            { lexicon = "titles", not_lexicon = "name_stops" } },
}

-- Un prénom connu et un nom, sans titre : "Emmanuel Macron a reçu Olaf
-- Scholz", "Jean-Yves Le Drian", "Charles de Gaulle". The given names come
-- from public lists (given-names.tsv). One that is also a French word
-- (Pierre, Rose, Olive: given-name-words-fr.tsv) opens a sentence only
-- before a surname of the surname lists; one that is also a place
-- (given-name-places.tsv: Florence, Victoria) only ever before one. Not
-- inside a street, school or organization named after the person ("rue
-- Victor Hugo", "lycée Jean Moulin"), nor at the start of a longer
-- capitalized name, nor before a word glued to a capitalized one
-- ("dânBáo": text run together, where the name may be cut anywhere).
for _, l in ipairs { "given-names", "given-name-words-fr", "given-name-places", "surnames", "demonyms",
                     "fr-place-words" } do
  lex((l:gsub("%-", "_")), "data:lexicons/" .. l .. ".tsv")
end
lex("org_final", "data:lexicons/org-final-heads.tsv")   -- the name the English rules give it: one lexicon
local NOT_IN_NAME = { "titles", "name_stops", "org_heads", "org_final", "fr_bare_stops", "fr_months",
                      "demonyms", "fr_place_words" }
local function given(extra)
  local t = { kind = "word", lexicon = "given_names", not_entity = { "ORG", "LAW", "LOC" } }
  for k, v in pairs(extra) do t[k] = v end
  return cap(t, nil, true)
end
local FR_GIVEN = { alt = {
  { given { not_lexicon = { "given_name_words_fr", "given_name_places", table.unpack(NOT_IN_NAME) } } },
  { given { lexicon = "given_name_words_fr", not_flags = "sent_start",
            not_lexicon = { "given_name_places", table.unpack(NOT_IN_NAME) } } },
} }
local FR_GIVEN_BEFORE_SURNAME = given { lexicon = { "given_names" }, not_entity = { "ORG", "LAW" },
                                        not_lexicon = NOT_IN_NAME }
local FR_SURNAME = cap { kind = "word", not_entity = { "ORG", "LAW" }, not_lexicon = NOT_IN_NAME }
local FR_KNOWN_SURNAME = cap({ kind = "word", lexicon = "surnames", not_entity = { "ORG", "LAW", "LOC" },
                               not_lexicon = NOT_IN_NAME }, nil, true)
local FR_LAST = cap { kind = "word", not_entity = { "ORG", "LAW" }, not_lexicon = { "given_names", table.unpack(NOT_IN_NAME) } }

entity "prénom + nom" {
  type = "PER",
  priority = 6,
  pattern = {
    { alt = {
      { FR_GIVEN,
        { seq = { "-", cap { kind = "word" } }, rep = "?" },
        { alt = { { given { not_lexicon = NOT_IN_NAME } }, { shape = { "X", "X." } } }, rep = { 0, 1 } },
        { alt = { { FR_SURNAME }, { particle { 1, 2 }, FR_SURNAME } } } },
      { FR_GIVEN_BEFORE_SURNAME, { alt = { { FR_KNOWN_SURNAME }, { particle { 1, 2 }, FR_KNOWN_SURNAME } } } },
    } },
    { alt = { { "-", FR_SURNAME }, { FR_LAST }, { particle { 1, 2 }, FR_SURNAME } }, rep = { 0, 1 } },
  },
  before = { { alt = { { { edge = "start" } }, { { flags = "sent_start" } }, { { lexicon = "titles" } },
                       { { not_regex = "^\\p{Lu}", not_lexicon = { "fr_place_words", "org_heads", "fr_bare_stops" } } } } } },
  after = { { alt = { { { edge = "end" } }, { { not_regex = "\\p{Lu}" } },
                      { { lexicon = "given_names", not_lexicon = NOT_IN_NAME } } } } },
}
