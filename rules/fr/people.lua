-- people.lua (fr): persons after a title, a role, an honorific or an
-- occupation; persons before a reporting verb or an appositive title.
-- Rules are general: no name of a given person is written here.
language "fr"

-- A lexicon is shared by every rule file once declared; each file
-- declares what it uses, and a second declaration is skipped.
local function lex(name, file)
  local ok, err = pcall(lexicon(name), { file = file })
  if not ok and not tostring(err):find("declared twice", 1, true) then error(err, 2) end
end
lex("titles", "../lexicons/titles.tsv")
lex("ambiguous_titles", "../lexicons/ambiguous-titles.tsv")
lex("occupations", "../lexicons/occupations.tsv")
lex("name_stops", "../lexicons/name-stops.tsv")
lex("org_heads", "../lexicons/org-heads.tsv")

local UPPER = "^\\p{Lu}"
-- A regex for "one of these words", case-insensitive. (Lists given to
-- lower/fold must stay under 16 values: longer ones crash the loader, see
-- the report of this rule set; regex lists have no such limit.)
local function words(list)
  local t = {}
  for i, w in ipairs(list) do t[i] = w:gsub("[%^%$%(%)%%%.%[%]%*%+%-%?|\\{}]", "\\%0"):gsub("'", "['’]") end
  return "^(?i:" .. table.concat(t, "|") .. ")$"
end
local PARTICLES = { "de", "du", "des", "d'", "da", "das", "do", "dos", "di", "del", "della",
  "van", "von", "der", "den", "ter", "ten", "bin", "ben", "ibn", "al", "el", "la", "le",
  "y", "zu", "af", "bint", "abu", "ould", "ag", "ba", "mac" }

-- One word of a name after a title: capitalized, not a title, not in an
-- organization of the gazetteers, not a month or a day.
local function word(extra)
  local t = { kind = "word", regex = UPPER, not_lexicon = "titles", not_entity = "ORG",
              not_regex = words { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                            "août", "septembre", "octobre", "novembre", "décembre" } }
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end

-- A name: a first word, then words, hyphen parts (Jean-Yves, al-Sissi)
-- and particles before a capitalized word that is not a place
-- (Charles de Gaulle, Ursula von der Leyen, Lula da Silva).
local function name(min_more, first_extra, more_extra)
  return {
    word(first_extra),
    { alt = {
        { word(more_extra) },
        { "-", { kind = "word", regex = "^\\p{L}" } },
        { { regex = words(PARTICLES), rep = { 1, 2 } },
          { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC" }, not_lexicon = "titles" } },
        { { regex = words(PARTICLES) }, "-", { kind = "word", regex = UPPER } },
      }, rep = { min_more, 5 } },
  }
end

-- What may come between a title and the name: "de l'ONU", "du Vietnam",
-- "auprès des Nations Unies", "français des Affaires étrangères" is in the lexicon.
local PREP = { alt = {
  { { regex = words { "de", "du", "des", "d'", "au", "aux", "à", "pour", "en" } } },
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
local BARE = { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC", "LAW" },
               not_lexicon = "org_heads" }
local BARE_FIRST = { kind = "word", regex = UPPER, not_entity = { "ORG", "LOC", "LAW" },
                     not_lexicon = "name_stops",
                     not_regex = words { "président", "présidente", "ministre", "premier", "première",
                                  "secrétaire", "directeur", "directrice", "général", "générale",
                                  "chef", "ambassadeur", "ambassadrice", "porte", "monsieur",
                                  "madame", "maître", "docteur", "professeur", "saint", "sainte",
                                  "notre", "rue", "avenue", "boulevard", "place", "lac", "mont",
                                  "cap", "golfe", "île", "îles", "pont", "gare", "palais", "hôtel",
                                  "musée", "stade", "église", "cathédrale", "université",
                                  "convention", "traité", "loi", "accord", "pacte", "protocole",
                                  "charte", "code", "décret", "règlement", "directive", "statut" } }
local function bare_name()
  return { BARE_FIRST,
           { alt = { { BARE }, { "-", { kind = "word", regex = UPPER } },
                     { { regex = words(PARTICLES), rep = { 1, 2 } }, BARE } },
             rep = { 1, 3 } } }
end

local REPORT = words { "déclaré", "dit", "affirmé", "souligné", "annoncé", "indiqué", "précisé",
  "ajouté", "estimé", "expliqué", "confié", "assuré", "rappelé", "noté", "reconnu", "insisté",
  "réagi", "témoigné", "raconté", "dénoncé", "averti", "promis", "martelé", "écrit", "demandé",
  "plaidé", "jugé", "salué", "regretté", "confirmé", "démenti", "révélé", "conclu" }
local REPORT_NOW = words { "déclare", "dit", "affirme", "souligne", "annonce", "indique", "précise",
  "ajoute", "estime", "explique", "assure", "rappelle", "note", "reconnaît", "insiste",
  "raconte", "dénonce", "avertit", "écrit", "demande", "plaide", "confirme", "déplore" }
local REPORT_AFTER = words { "selon", "déclare", "affirme", "souligne", "explique", "ajoute",
  "précise", "indique", "estime", "poursuit", "conclut", "raconte", "rappelle" }

entity "name + reporting verb" {
  type = "PER",
  priority = 5,
  pattern = bare_name(),
  after = { { alt = { { "a", { regex = REPORT } }, { { regex = REPORT_NOW } } } } },
}

-- "..., a déclaré Jean Dupont." / "selon Marie Curie,"
entity "reporting verb + name" {
  type = "PER",
  priority = 5,
  before = { { alt = { { "a", { regex = REPORT } }, { { regex = REPORT_AFTER } } } } },
  pattern = bare_name(),
  after = { { text = { ",", ".", ";", "(", "!", "?", "»" } } },
}

-- "Ghada Waly, directrice exécutive de l'ONUDC"
entity "name, role" {
  type = "PER",
  priority = 5,
  pattern = bare_name(),
  after = { ",", { regex = words { "le", "la", "l'", "ancien", "ancienne", "nouveau", "nouvelle" }, rep = "?" },
            { lexicon = "titles", not_lexicon = "name_stops" } },
}
