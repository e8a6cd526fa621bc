/*
** test_acronyms.c: the acronyms plugin (plugins/acronyms) alone, on 38
** definitions collected from French and English news and official
** texts, the hard ones kept (an English acronym for a French name, an
** acronym whose letters are not its name's), and 10 parentheses that
** define nothing.  Precision and recall of the alias_of pairs are printed
** and must stay at or above what the plugin reached when written.
** See LICENSE for copyright and licence.
*/
#include <libgen.h>

#include "helpers.h"

static char plugin_path[600];

typedef struct definition_case {
    entrel_lang lang;
    const char *text;
    const char *acr, *full;       /* NULL: nothing is defined */
} definition_case;

static const definition_case cases[] = {
    {ENTREL_LANG_FR, "L'Office des Nations Unies contre la drogue et le crime (ONUDC) a publié un rapport.", "ONUDC", "Office des Nations Unies contre la drogue et le crime"},
    {ENTREL_LANG_FR, "L'Agence nationale de la sécurité des systèmes d'information (ANSSI) alerte.", "ANSSI", "Agence nationale de la sécurité des systèmes d'information"},
    {ENTREL_LANG_FR, "L'Organisation internationale de police criminelle (INTERPOL) coopère.", "INTERPOL", "Organisation internationale de police criminelle"},
    {ENTREL_LANG_FR, "L'Organisation mondiale de la santé (OMS) recommande la prudence.", "OMS", "Organisation mondiale de la santé"},
    {ENTREL_LANG_FR, "Le Fonds monétaire international (FMI) prévoit une reprise.", "FMI", "Fonds monétaire international"},
    {ENTREL_LANG_FR, "La Banque centrale européenne (BCE) a relevé ses taux.", "BCE", "Banque centrale européenne"},
    {ENTREL_LANG_FR, "Le Comité international de la Croix-Rouge (CICR) intervient.", "CICR", "Comité international de la Croix-Rouge"},
    {ENTREL_LANG_FR, "L'Organisation du traité de l'Atlantique Nord (OTAN) se réunit.", "OTAN", "Organisation du traité de l'Atlantique Nord"},
    {ENTREL_LANG_FR, "La Commission nationale de l'informatique et des libertés (CNIL) sanctionne.", "CNIL", "Commission nationale de l'informatique et des libertés"},
    {ENTREL_LANG_FR, "Le Haut-Commissariat des Nations unies pour les réfugiés (HCR) s'inquiète.", "HCR", "Haut-Commissariat des Nations unies pour les réfugiés"},
    {ENTREL_LANG_FR, "L'Association des nations de l'Asie du Sud-Est (ASEAN) se réunit.", "ASEAN", "Association des nations de l'Asie du Sud-Est"},
    {ENTREL_LANG_FR, "Le Programme des Nations unies pour le développement (PNUD) finance le projet.", "PNUD", "Programme des Nations unies pour le développement"},
    {ENTREL_LANG_FR, "L'Union européenne (UE) et le Vietnam ont signé.", "UE", "Union européenne"},
    {ENTREL_LANG_FR, "La Cour pénale internationale (CPI) a émis un mandat.", "CPI", "Cour pénale internationale"},
    {ENTREL_LANG_FR, "Le Conseil de sécurité des Nations unies (CSNU) a voté.", "CSNU", "Conseil de sécurité des Nations unies"},
    {ENTREL_LANG_FR, "L'Institut national de la statistique et des études économiques (INSEE) publie.", "INSEE", "Institut national de la statistique et des études économiques"},
    {ENTREL_LANG_FR, "La Société nationale des chemins de fer français (SNCF) annonce une grève.", "SNCF", "Société nationale des chemins de fer français"},
    {ENTREL_LANG_FR, "Le ministère de l'Europe et des Affaires étrangères (MEAE) précise.", "MEAE", "ministère de l'Europe et des Affaires étrangères"},
    {ENTREL_LANG_FR, "L'Autorité des marchés financiers (AMF) enquête.", "AMF", "Autorité des marchés financiers"},
    {ENTREL_LANG_FR, "La Direction générale de la sécurité intérieure (DGSI) a arrêté un suspect.", "DGSI", "Direction générale de la sécurité intérieure"},
    {ENTREL_LANG_FR, "Le Bureau des affaires juridiques des Nations Unies (OLA) conseille.", "OLA", "Bureau des affaires juridiques des Nations Unies"},
    {ENTREL_LANG_EN, "The United Nations Office on Drugs and Crime (UNODC) said.", "UNODC", "United Nations Office on Drugs and Crime"},
    {ENTREL_LANG_EN, "The Cybersecurity and Infrastructure Security Agency (CISA) warned.", "CISA", "Cybersecurity and Infrastructure Security Agency"},
    {ENTREL_LANG_EN, "The World Health Organization (WHO) declared an emergency.", "WHO", "World Health Organization"},
    {ENTREL_LANG_EN, "The International Monetary Fund (IMF) cut its forecast.", "IMF", "International Monetary Fund"},
    {ENTREL_LANG_EN, "The North Atlantic Treaty Organization (NATO) met.", "NATO", "North Atlantic Treaty Organization"},
    {ENTREL_LANG_EN, "The European Central Bank (ECB) raised rates.", "ECB", "European Central Bank"},
    {ENTREL_LANG_EN, "The Federal Bureau of Investigation (FBI) arrested two men.", "FBI", "Federal Bureau of Investigation"},
    {ENTREL_LANG_EN, "The Office of Legal Affairs (OLA) advised.", "OLA", "Office of Legal Affairs"},
    {ENTREL_LANG_EN, "The International Criminal Police Organization (INTERPOL) issued a notice.", "INTERPOL", "International Criminal Police Organization"},
    {ENTREL_LANG_EN, "The Securities and Exchange Commission (SEC) fined the bank.", "SEC", "Securities and Exchange Commission"},
    {ENTREL_LANG_EN, "The Department of Homeland Security (DHS) said.", "DHS", "Department of Homeland Security"},
    {ENTREL_LANG_EN, "The European Union Agency for Cybersecurity (ENISA) published a report.", "ENISA", "European Union Agency for Cybersecurity"},
    {ENTREL_LANG_EN, "The Internet Corporation for Assigned Names and Numbers (ICANN) voted.", "ICANN", "Internet Corporation for Assigned Names and Numbers"},
    {ENTREL_LANG_EN, "Ministers of the Association of Southeast Asian Nations (ASEAN) met.", "ASEAN", "Association of Southeast Asian Nations"},
    {ENTREL_LANG_FR, "L'ONUDC (Office des Nations Unies contre la drogue et le crime) publie.", "ONUDC", "Office des Nations Unies contre la drogue et le crime"},
    {ENTREL_LANG_EN, "The UNODC (United Nations Office on Drugs and Crime) said.", "UNODC", "United Nations Office on Drugs and Crime"},
    {ENTREL_LANG_FR, "La CNIL (Commission nationale de l'informatique et des libertés) a sanctionné.", "CNIL", "Commission nationale de l'informatique et des libertés"},
    /* nothing defined */
    {ENTREL_LANG_FR, "Le Conseil a examiné le dossier (PDF) hier.", NULL, NULL},
    {ENTREL_LANG_FR, "Il a marqué 3 buts (PSG) samedi.", NULL, NULL},
    {ENTREL_LANG_FR, "La réunion (photo) a eu lieu.", NULL, NULL},
    {ENTREL_LANG_FR, "Les résultats (voir annexe) sont clairs.", NULL, NULL},
    {ENTREL_LANG_EN, "The results (see Table 2) are clear.", NULL, NULL},
    {ENTREL_LANG_EN, "He joined the firm (IBM) in 1990.", NULL, NULL},
    {ENTREL_LANG_FR, "La Convention de Budapest (photo 1) a été citée.", NULL, NULL},
    {ENTREL_LANG_FR, "Le président (PS) a parlé.", NULL, NULL},
    {ENTREL_LANG_FR, "Rencontre avec des experts (CNRS) à Paris.", NULL, NULL},
    {ENTREL_LANG_EN, "The meeting was held (UTC) on Monday.", NULL, NULL},
};

typedef struct score {
    size_t produced, right, gold;
} score;

/* One sentence: its alias_of pairs against the one it defines, if any. */
static void score_case(entrel_session *s, const definition_case *c, score *sc) {
    entrel_doc *doc;
    assert_int_equal(entrel_session_process(s, "d", c->text, strlen(c->text), &doc), ENTREL_E_OK);
    sc->gold += c->acr != NULL;
    for (size_t i = 0; i < doc->rels.n; i++) {
        const ann_relation *r = &doc->rels.v[i];
        const char *text = (const char *)doc->text;
        int hl = (int)(r->head.end - r->head.start), tl = (int)(r->tail.end - r->tail.start);
        bool right = c->acr && strncmp(text + r->head.start, c->acr, (size_t)hl) == 0 &&
                     c->acr[hl] == '\0' && strncmp(text + r->tail.start, c->full, (size_t)tl) == 0 &&
                     c->full[tl] == '\0';
        sc->produced++;
        sc->right += right;
        if (!right)
            print_message("  wrong: %.*s -> %.*s (%s)\n", hl, text + r->head.start, tl,
                          text + r->tail.start, c->text);
        assert_string_equal(doc_atom_str(doc, r->type), "alias_of");
    }
    if (c->acr && doc->rels.n == 0) print_message("  missed: %s (%s)\n", c->acr, c->text);
    entrel_doc_free(doc);
}

static void test_definitions(void **state) {
    (void)state;
    entrel_engine *fr = engine_with_plugin(plugin_path, ENTREL_LANG_FR);
    entrel_engine *en = engine_with_plugin(plugin_path, ENTREL_LANG_EN);
    entrel_session *sfr = entrel_session_new(fr), *sen = entrel_session_new(en);
    score sc = {0};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        score_case(cases[i].lang == ENTREL_LANG_FR ? sfr : sen, &cases[i], &sc);
    double p = sc.produced ? (double)sc.right / (double)sc.produced : 0, r = (double)sc.right / (double)sc.gold;
    print_message("acronyms: %zu definitions, %zu found, %zu right: precision %.3f, recall %.3f\n",
                  sc.gold, sc.produced, sc.right, p, r);
    assert_int_equal(sc.gold, 38);
    assert_true(p >= 0.97);
    assert_true(r >= 0.94);
    entrel_session_free(sfr);
    entrel_session_free(sen);
    entrel_engine_free(fr);
    entrel_engine_free(en);
}

/* Both forms are entities, the acronym marked as one, of one type. */
static void test_entities(void **state) {
    (void)state;
    entrel_engine *e = engine_with_plugin(plugin_path, ENTREL_LANG_FR);
    entrel_session *s = entrel_session_new(e);
    entrel_doc *doc;
    const char *text = "Le Règlement général sur la protection des données (RGPD) s'applique.";
    assert_int_equal(entrel_session_process(s, "d", text, strlen(text), &doc), ENTREL_E_OK);
    assert_int_equal(doc->ents.n, 2);
    assert_string_equal(doc_atom_str(doc, doc->ents.v[0].type), "LAW");
    assert_string_equal(doc_atom_str(doc, doc->ents.v[1].type), "LAW");
    assert_string_equal(doc_atom_str(doc, doc->ents.v[1].features), "acronym=yes");
    assert_string_equal(doc_atom_str(doc, doc->ents.v[0].source), "plugin:acronyms");
    entrel_doc_free(doc);
    entrel_session_free(s);
    entrel_engine_free(e);
}

int main(int argc, char **argv) {
    (void)argc;
    char self[512];
    snprintf(self, sizeof self, "%s", argv[0]);
    snprintf(plugin_path, sizeof plugin_path, "%s/../plugins/acronyms.so", dirname(self));
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_definitions),
        cmocka_unit_test(test_entities),
    };
    return cmocka_run_group_tests_name("acronyms", tests, NULL, NULL);
}
