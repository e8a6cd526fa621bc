-- relations.lua (fr): presided_over, co_organized_with, located_in,
-- alias_of, head_of, signed, adopted_by. Arguments are the entities found
-- before (gazetteers and entity rules); presided_over and signed may take
-- a plain noun phrase as their tail ("la discussion", "un accord").
language "fr"

local function lex(name, file) lexicon(name) { file = file } end
lex("titles", "data:lexicons/titles.tsv")
lex("head_roles", "data:lexicons/head-roles.tsv")

for _, l in ipairs { "fr-function-words", "fr-function-words-relations", "fr-determiners" } do
  lex((l:gsub("%-", "_")), "data:lexicons/" .. l .. ".tsv")
end
-- Tests are atoms and lexicons (policy norm: case-insensitive, accents kept) rather than regexes,
-- which run PCRE2 on each token they meet; a regex is left for word endings (adjectives, -ment) and prefixes.
local FUNC = { "fr_function_words", "fr_function_words_relations" }
local LOWER = { "xx", "xxx", "xxxx" }   -- shapes of a lower-case word of two letters or more
-- ACR: "^\\p{Lu}[\\p{Lu}\\p{N}&.-]+$", an all-capital word of two characters or more
local ACR_NOT = { "X", "X'", "X’", "dX", "dXX", "dXXX", "dXXXX", "ddX", "ddXX", "ddXXX", "ddXXXX" }
local function co(forms) local t = {} for _, p in ipairs { "", "co", "Co", "cO", "CO" } do for _, f in ipairs(forms) do t[#t + 1] = p .. f end end return t end
local PRESIDE_PP, PRESIDE, PRESIDED = co { "présidé" }, co { "préside", "présidait", "président", "présidaient", "présidera", "présideront" }, co { "présidé", "présidée", "présidés", "présidées" }
local POINTS = { "nord", "sud", "est", "ouest", "centre", "nord-est", "nord-ouest", "sud-est", "sud-ouest" }
local function ent(types, nm) return { entity = types, rep = "+", name = nm } end
local ANY = { "PER", "ORG", "LOC" }
local DET = { lower = { "le", "la", "les", "l'" }, rep = "?" }
local DETN = { alt = { { { lexicon = "fr_determiners" } }, { { lower = { "l'" } } } } }  -- elided l' is no lexicon match
local DE = { alt = { { { fold = { "de", "du", "des", "d'" } } }, { "de", { fold = { "la", "l'" } } } } }
local NOUN = { kind = "word", shape = LOWER, not_lexicon = FUNC }
local ADJ = { kind = "word", regex = "^\\p{Ll}[\\p{Ll}-]*(ique|iques|ale|ales|al|aux|ère|ères|ière|ières|ier|iers|elle|elles|el|els|ienne|iennes|ien|iens|aire|aires|eure|eures|ée|ées|é|és|ive|ives|if|ifs|aise|aises|ais|ois|oise|aine|aines|ain|ains|ile|iles|ne|nes)$",
              shape = LOWER, not_lexicon = FUNC }
-- a short noun phrase: "la discussion", "la séance plénière", "un accord commercial"
local NP = { DETN, NOUN, { seq = { ADJ }, rep = { 0, 2 } } }
local TITLES = { lexicon = "titles", not_entity = ANY, rep = { 0, 6 } }

-- presided_over ------------------------------------------------------------

-- "L'ambassadeur X a présidé la discussion", "X présidait la séance"
relation "X a présidé Y" {
  type = "presided_over",
  pattern = { ent(ANY, "head"), { text = ",", rep = "?" },
              { alt = { { { lower = { "a", "avait", "ont", "aura" } }, { text = PRESIDE_PP } },
                        { { text = PRESIDE } } } },
              { lower = { "à", "sur" }, rep = "?" },
              { alt = { { ent({ "ORG", "LAW", "LOC" }) }, { seq = NP } }, name = "tail" } },
}

-- "La réunion, tenue sous la présidence de M. X", "la séance présidée par X"
relation "Y sous la présidence de X" {
  type = "presided_over",
  pattern = { { seq = NP, name = "tail" }, { text = ",", rep = "?" },
              { lower = { "tenu", "tenue", "tenus", "tenues", "placé", "placée", "organisé", "organisée", "ouvert", "ouverte" }, rep = "?" },
              { alt = { { "sous", "la", { lower = { "présidence", "coprésidence" } }, DE },
                        { { text = PRESIDED }, "par" } } },
              DET, TITLES, ent({ "PER", "ORG", "LOC" }, "head") },
}

-- co_organized_with ---------------------------------------------------------

local COORG = { alt = {
  { { lower = "co" }, "-", { regex = "^(?i:organis|parrain|anim|présid|financ|organiz)" } },
  { { regex = "^(?i:coorganis|coparrain|coprésid)" } },
  { { lower = { "organisé", "organisée", "organisés", "organisées" } }, { lower = { "conjointement", "ensemble" } } },
} }
-- "co-organisé par le Vietnam et l'Office des Nations Unies ..."
relation "co-organisé par X et Y" {
  type = "co_organized_with",
  pattern = { COORG, "par", DET, ent(ANY, "head"), { text = ",", rep = "?" }, "et", DET, ent(ANY, "tail") },
}
-- "organisé par X en partenariat avec Y"
relation "organisé par X en partenariat avec Y" {
  type = "co_organized_with",
  pattern = { { lower = { "organisé", "organisée", "organisés", "organisées", "coorganisé", "coorganisée" } }, "par", DET,
              ent(ANY, "head"), { text = ",", rep = "?" },
              { alt = { { "en", { lower = { "partenariat", "collaboration", "coopération", "association" } }, "avec" },
                        { "avec", { fold = { "le", "l'" } }, { lower = { "soutien", "appui", "concours" } }, DE } } },
              DET, ent(ANY, "tail") },
}
-- "X et Y ont co-organisé", "X et Y organisent conjointement"
relation "X et Y ont co-organisé" {
  type = "co_organized_with",
  pattern = { ent(ANY, "head"), "et", DET, ent(ANY, "tail"),
              { alt = { { { lower = { "ont", "avaient", "vont" } }, COORG }, { COORG },
                        { { lower = { "organisent", "organiseront" } }, { lower = { "conjointement", "ensemble" } } },
                        { "ont", "organisé", { lower = { "conjointement", "ensemble" } } } } } },
}
-- "X, en partenariat avec Y, a organisé" / "X organise, en partenariat avec Y,"
relation "X en partenariat avec Y" {
  type = "co_organized_with",
  pattern = { ent(ANY, "head"), { text = ",", rep = "?" }, "en", { lower = { "partenariat", "collaboration" } },
              "avec", DET, ent(ANY, "tail"), { text = ",", rep = "?" },
              { alt = { { { lower = { "a", "ont" } }, { lower = { "organisé", "coorganisé", "lancé", "tenu" } } },
                        { { lower = { "organise", "organisent", "organisera" } } } } } },
}

-- located_in ----------------------------------------------------------------

-- "à Vienne, en Autriche", "de Da Nang, au Vietnam"
relation "à X, en Y" {
  type = "located_in",
  before = { { lower = { "à", "de", "d'", "depuis", "vers", "près", "dans", "sur" } } },
  pattern = { ent("LOC", "head"), ",", { lower = { "en", "au", "aux", "dans" } }, DET, ent("LOC", "tail") },
  action = function(m) return m.head.text ~= m.tail.text end,
}
-- "Da Nang (Vietnam)"
relation "X (Y)" {
  type = "located_in",
  pattern = { ent("LOC", "head"), "(", ent("LOC", "tail"), ")" },
  action = function(m) return m.head.text ~= m.tail.text end,
}
-- "Hanoï, capitale du Vietnam", "Lyon, ville du sud-est de la France", "Gia Lai, province du centre du Vietnam"
relation "X, capitale de Y" {
  type = "located_in",
  pattern = { ent("LOC", "head"), ",", { lower = { "la", "le", "une", "un" }, rep = "?" },
              { lower = { "capitale", "ville", "province", "région", "commune", "port", "cité", "village", "district", "chef-lieu", "île", "état", "métropole" } },
              { seq = { ADJ }, rep = "?" },
              { seq = { DE, { lower = POINTS },
                        { seq = { "-", { kind = "word" } }, rep = "*" } }, rep = "?" },
              DE, ent("LOC", "tail") },
  action = function(m) return m.head.text ~= m.tail.text end,
}
-- "Hué, dans le centre du Vietnam"
relation "X, dans le nord de Y" {
  type = "located_in",
  pattern = { ent("LOC", "head"), ",", "dans", { fold = { "le", "l'" } },
              { lower = POINTS },
              { seq = { "-", { kind = "word" } }, rep = "*" }, DE, ent("LOC", "tail") },
  action = function(m) return m.head.text ~= m.tail.text end,
}

-- alias_of --------------------------------------------------------------------

local ACR = { kind = "word", flags = "upper", not_shape = ACR_NOT }
-- "Office des Nations Unies contre la drogue et le crime (ONUDC)"
relation "long form (ACR)" {
  type = "alias_of",
  pattern = { ent({ "ORG", "LAW", "LOC" }, "tail"), "(", { seq = { ACR }, rep = { 1, 2 }, name = "head" }, ")" },
  action = function(m) return m.head.text ~= m.tail.text and m.tail.text:find("%s") ~= nil end,
}
-- "l'ONUDC (Office des Nations Unies contre la drogue et le crime)"
relation "ACR (long form)" {
  type = "alias_of",
  pattern = { { seq = { ACR }, rep = { 1, 2 }, name = "head" }, "(", ent({ "ORG", "LAW", "LOC" }, "tail"), ")" },
  action = function(m) return m.head.text ~= m.tail.text and m.tail.text:find("%s") ~= nil end,
}

-- head_of ---------------------------------------------------------------------

local ROLE = { lexicon = "head_roles", not_entity = { "ORG", "LOC" } }
-- "X, chef de la mission permanente du Vietnam", "X, directrice exécutive de l'ONUDC"
relation "X, chef de Y" {
  type = "head_of",
  pattern = { ent("PER", "head"), ",", { lower = { "le", "la", "l'", "actuel", "actuelle", "nouveau", "nouvelle" }, rep = "?" },
              ROLE, { lexicon = "titles", not_entity = { "ORG", "LOC" }, rep = { 0, 5 } },
              { seq = { DE }, rep = "?" }, ent({ "ORG", "LOC" }, "tail") },
}
-- "le directeur de l'ONUDC, X" / "la présidente de la Commission européenne X"
relation "chef de Y, X" {
  type = "head_of",
  pattern = { ROLE, { lexicon = "titles", not_entity = { "ORG", "LOC" }, rep = { 0, 5 } },
              { seq = { DE }, rep = "?" }, ent({ "ORG", "LOC" }, "tail"), { text = ",", rep = "?" },
              { lexicon = "titles", rep = { 0, 3 } }, ent("PER", "head") },
}
-- "X dirige Y", "X, qui dirige Y"
relation "X dirige Y" {
  type = "head_of",
  pattern = { ent("PER", "head"), { seq = { ",", "qui" }, rep = "?" },
              { lower = { "dirige", "dirigeait", "préside", "présidait", "pilote" } }, DET, ent("ORG", "tail") },
}

-- signed ----------------------------------------------------------------------

local SIGN = { alt = { { { lower = { "a", "ont", "avait", "avaient", "va", "vont" } }, { lower = { "signé", "signer", "paraphé", "ratifié", "ratifier" } } },
                       { { lower = { "signe", "signent", "signera", "signeront", "ratifie", "ratifient" } } } } }
-- "Le Vietnam a signé la Convention", "X ont signé un accord"
relation "X a signé Y" {
  type = "signed",
  pattern = { ent(ANY, "head"), SIGN, DET, { alt = { { ent("LAW") }, { seq = NP } }, name = "tail" } },
}
-- "La Convention, signée par X", "l'accord a été signé par X"
relation "Y signé par X" {
  type = "signed",
  pattern = { { alt = { { ent("LAW") }, { seq = NP } }, name = "tail" }, { text = ",", rep = "?" },
              { seq = { { lower = { "a", "ont", "avait" } }, "été" }, rep = "?" }, { regex = "ment$", rep = "?" },
              { lower = { "signé", "signée", "signés", "signées", "ratifié", "ratifiée", "ratifiés", "ratifiées" } }, "par", DET, TITLES, ent(ANY, "head") },
}

-- adopted_by --------------------------------------------------------------------

-- "La Convention de Budapest, adoptée par le Conseil de l'Europe", "... a été
-- officiellement adoptée par l'Assemblée générale"
relation "Y adoptée par X" {
  type = "adopted_by",
  pattern = { ent("LAW", "head"), { text = ",", rep = "?" },
              { seq = { { lower = { "a", "ont", "avait", "avaient" } }, "été" }, rep = "?" },
              { regex = "ment$", rep = "?" },
              { lower = { "adopté", "adoptée", "adoptés", "adoptées", "approuvé", "approuvée", "approuvés", "approuvées", "voté", "votée", "votés", "votées" } }, "par", DET, ent({ "ORG", "LOC" }, "tail") },
}
-- "L'Assemblée générale a adopté la Convention"
relation "X a adopté Y" {
  type = "adopted_by",
  pattern = { ent({ "ORG", "LOC" }, "tail"),
              { alt = { { { lower = { "a", "ont", "avait" } }, { regex = "ment$", rep = "?" }, { lower = { "adopté", "approuvé", "voté" } } },
                        { { lower = { "adopte", "adoptent", "adoptera" } } } } },
              DET, ent("LAW", "head") },
}
