-- bench/rules/fr.lua: French stand-in rules for bench/bench_rules.c,
-- used only while the default rule set (rules/fr, rules/en) is absent.
-- They are shaped like real news rules, with actions where real rules
-- would want them, so that the benchmark's Lua share is measured on
-- calls that do work: reading captures, building tables, vetoing.
-- See LICENSE for copyright and licence.

language "fr"

lexicon "titles" { file = "../../rules/lexicons/titles.tsv" }

-- A title then capitalized words: "l'ambassadeur Vu Le Thai Hoang".
entity "person after title" {
  type = "PER",
  before = { {lexicon = "titles"} },
  pattern = { {flags = "title", not_lexicon = "titles", rep = {1, 5}, name = "name"} },
  span = "name",
  action = function(m)
    -- a lone word after a title is often a place or a month: keep names
    -- of two words or more
    if m.name.first == m.name.last then return false end
    return { canonical = m.name.text }
  end,
}

-- "M. Dupont", "Mme Ana Li": an honorific and one to three names.
entity "person after honorific" {
  type = "PER",
  before = { {text = {"M.", "Mme", "Mlle", "Dr", "Pr"}} },
  pattern = { {flags = "title", rep = {1, 3}} },
}

-- "ministère de la Sécurité publique", "ministère des Affaires étrangères".
entity "ministry" {
  type = "ORG",
  priority = 5,
  pattern = {
    {fold = "ministere"},
    {alt = { {"de", "la"}, {"de", "l'"}, {"des"}, {"du"}, {"de"} }},
    {flags = "title", name = "domain"},
    {kind = "word", not_flags = "title", rep = {0, 2}},
  },
  action = function(m)
    return { features = { domain = m.domain.text } }
  end,
}

-- "Convention des Nations Unies contre la cybercriminalité",
-- "Convention de Budapest", "Convention de Hanoï".
entity "convention" {
  type = "LAW",
  priority = 4,
  pattern = {
    {text = {"Convention", "Traité", "Pacte", "Accord"}},
    {alt = {
      {"des", {flags = "title", rep = {1, 3}}, {lower = {"contre", "sur"}}, {lower = {"la", "le", "les"}},
       {kind = "word", not_flags = "title"}},
      {"des", {flags = "title", rep = {1, 3}}},
      {{lower = {"de", "d'"}}, {flags = "title", rep = {1, 2}}},
    }},
  },
}

-- "l'Office des Nations Unies contre la drogue et le crime (ONUDC)": a
-- long form and its acronym.  The action vetoes acronyms whose letters
-- do not start the long form's words, which drops "(photo 1)" kinds of
-- parentheses and unrelated pairs.
entity "long form (acronym)" {
  type = "ORG",
  span = "long",
  pattern = {
    {seq = { {flags = "title"}, {kind = "word", rep = {0, 8}} }, name = "long"},
    "(", {flags = "upper", shape = {"XX", "XXX", "XXXX", "XXXXX"}, name = "short"}, ")",
  },
  action = function(m)
    local first = m.short.text:sub(1, 1)
    if m.long.text:sub(1, 1) ~= first then return false end
    add_entity { type = "ORG", span = m.short, features = { acronym = true } }
    return { canonical = m.long.text }
  end,
}

-- "siège des Nations Unies à Vienne": a place after "à" or "en" that a
-- gazetteer did not already find.
entity "place after preposition" {
  type = "LOC",
  priority = -1,
  before = { {lower = {"à", "en", "au"}} },
  pattern = { {flags = "title", not_entity = "", not_flags = "sent_start", rep = {1, 3}} },
  action = function(m)
    if m.text == "Europe" or m.text == "Autriche" then return { canonical = m.text } end
  end,
}

-- Years and dates by regular expression.
regex "year" { type = "DATE", pattern = [[\b(19|20)\d\d\b]] }
regex "date" {
  type = "DATE", caseless = true,
  pattern = [[\b\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\b]],
}

-- "L'ambassadeur Vu Le Thai Hoang a présidé la discussion."
relation "presided" {
  type = "presided_over",
  pattern = { {entity = "PER", rep = "+", name = "head"}, {lower = {"a", "avait"}},
              {lower = {"présidé", "dirigé"}},
              {kind = "word", rep = {1, 4}, name = "tail"} },
  action = function(m) return m.tail.text ~= "la pause" end,
}

-- "adoptée par le Conseil de l'Europe": who adopted a legal text.
relation "adopted by" {
  type = "adopted_by",
  pattern = { {entity = "LAW", rep = "+", name = "head"}, {text = ",", rep = "?"},
              {lower = {"adoptée", "adopté"}}, "par", {lower = {"le", "la", "l'"}, rep = "?"},
              {entity = {"ORG"}, rep = "+", name = "tail"} },
}

-- "l'ambassadeur X, chef de la mission permanente du Vietnam": a role.
relation "role" {
  type = "holds_role",
  pattern = { {entity = "PER", rep = "+", name = "head"}, ",",
              {lower = {"chef", "directeur", "directrice", "président", "présidente"}, name = "tail"} },
  action = function(m)
    return { type = "holds_role" }
  end,
}

-- "signée à Hanoï", "signature de la Convention à Hanoï": where a text is signed.
relation "signed in" {
  type = "signed_in",
  pattern = { {entity = "LAW", rep = "+", name = "head"}, {kind = "word", rep = {0, 3}},
              "à", {entity = "LOC", rep = "+", name = "tail"} },
}
