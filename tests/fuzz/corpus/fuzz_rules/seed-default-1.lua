-- laws.lua (fr): conventions, treaties, agreements, protocols, pacts,
-- charters, statutes, codes, regulations, directives and laws named by a
-- capitalized key word and what follows it: "Convention de Budapest",
-- "Convention des Nations Unies contre la cybercriminalité", "Traité sur la
-- non-prolifération des armes nucléaires", "Convention relative aux droits
-- de l'enfant", "loi n° 2021-1109". A key word alone is not a name.
language "fr"

for _, l in ipairs { "fr-function-words", "fr-function-words-laws", "fr-law-keys" } do lexicon((l:gsub("%-", "_"))) { file = "data:lexicons/" .. l .. ".tsv" } end
-- Tests are atoms and lexicons, not regexes (PCRE2 on each token met), but for word endings.
-- cap(t): t and "^\\p{Lu}": a title-case or all-capital word not led by a digit (5G), or a mixed one (McDonald)
local DIGIT_CAP, MIXED = { "dX", "dXX", "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX" }, {}
for b = 1, 4 do for d = 1, 4 do MIXED[#MIXED + 1] = "X" .. ("x"):rep(b) .. "X" .. ("x"):rep(d) end MIXED[#MIXED + 1] = "X'X" .. ("x"):rep(b) MIXED[#MIXED + 1] = "X’X" .. ("x"):rep(b) end
local function cap(t)
  local alts = {} for i, x in ipairs { { flags = "title", not_shape = DIGIT_CAP }, { flags = "upper", not_shape = DIGIT_CAP }, { shape = MIXED } } do
    local e = {} for k, v in pairs(t) do e[k] = v end for k, v in pairs(x) do e[k] = v end alts[i] = { e } end return { alt = alts }
end

local CAP, LOWER, FUNC = cap { kind = "word" }, { "xx", "xxx", "xxxx" }, { "fr_function_words", "fr_function_words_laws" }
local ADJ = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]*(ique|iques|ale|ales|al|aux|ère|ères|ière|ières|ier|iers|elle|elles|el|els|ienne|iennes|ien|iens|aire|aires|eure|eures|eur|eurs|ée|ées|é|és|ive|ives|if|ifs|aise|aises|ais|ois|oise|aine|aines|ain|ains|ile|iles|ne|nes|se|ses|és)$",
              shape = LOWER, not_lexicon = FUNC }
-- a noun: a lower-case word, not a function word, not an infinitive
local NOUN = { kind = "word", shape = LOWER, not_lexicon = FUNC }
local NOUNX = { seq = { NOUN, { seq = { "-", { kind = "word", regex = "^\\p{Ll}" } }, rep = { 0, 2 } } } }
local ART = { fold = { "la", "le", "les", "l'" } }
local DE = { alt = { { { fold = { "de", "du", "des", "d'" } } }, { "de", { fold = { "la", "l'" } } } } }

-- a capitalized key word (fr-law-keys.tsv): Convention, Traité, Accord, Loi ...
local KEY = { alt = { { { kind = "word", lexicon = "fr_law_keys", flags = "title" } }, { { kind = "word", lexicon = "fr_law_keys", flags = "upper" } } } }

-- "de Budapest", "des Nations Unies", "de l'OTAN", "de Vienne"
local NAMED = { seq = { DE, { alt = {
  { { entity = { "LOC", "ORG" }, rep = { 1, 6 } } },
  { cap { kind = "word", not_fold = { "convention", "traite", "loi" } }, { seq = { CAP }, rep = { 0, 2 } } },
} } } }
-- "contre la cybercriminalité", "sur la diversité biologique", "relative
-- aux droits de l'enfant", "pour la protection des données"
local HEADPREP = { alt = {
  { { lower = { "contre", "sur", "concernant" } } },
  { { lower = { "relative", "relatif", "relatives", "relatifs" } }, { lower = { "à", "au", "aux" } } },
  { "portant", "sur" },
  { "pour", { fold = { "la", "le", "les", "l'" } } },
} }
local NP = { seq = { { seq = { ART }, rep = "?" }, NOUNX, { seq = { ADJ }, rep = { 0, 2 } },
                     { seq = { "et", ADJ }, rep = "?" } } }
local PHRASE = { seq = { HEADPREP, NP, { seq = { DE, NP }, rep = { 0, 2 } } } }

entity "key word + name or subject" {
  type = "LAW",
  pattern = { KEY, { seq = { "-", { fold = "cadre" } }, rep = "?" }, { seq = { ADJ }, rep = { 0, 2 } },
              { alt = { { NAMED, { seq = { PHRASE }, rep = "?" } }, { PHRASE } } } },
}

-- "Convention européenne des droits de l'homme", "Code pénal", "Code du travail"
entity "key word + adjective" {
  type = "LAW",
  pattern = { KEY, { seq = { "-", { fold = "cadre" } }, rep = "?" }, ADJ, { seq = { ADJ }, rep = "?" },
              { seq = { DE, NP }, rep = { 0, 2 } } },
  action = function(m) return not m.text:find("^[Aa]ccords? ") end,
}
entity "Code du/de la X" {
  type = "LAW",
  pattern = { { alt = { { { kind = "word", flags = "title", fold = "code" } }, { { kind = "word", flags = "upper", fold = "code" } } } }, DE, NOUN, { seq = { ADJ }, rep = "?" } },
}

-- "loi n° 2021-1109", "loi Evin", "la loi Informatique et libertés"
entity "loi + number or name" {
  type = "LAW",
  before = { { fold = { "la", "une", "cette", "nouvelle", "de", "d'" } } },
  pattern = { { fold = "loi" }, { alt = {
    { { fold = { "n°", "no", "nº", "n" } }, { text = { "°", "." }, rep = "?" }, { kind = "number" },
      { seq = { "-", { kind = "number" } }, rep = "?" } },
    { cap { kind = "word", not_entity = { "ORG", "LOC" } }, { seq = { CAP }, rep = { 0, 1 } } },
  } } },
}
