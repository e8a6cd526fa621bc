/*
** noentry.c: a fixture plugin that forgot its entry function.
** See LICENSE for copyright and licence.
*/
int entrel_plugin_entree(void);
int entrel_plugin_entree(void) { return 1; }
