/* policy_set.c: loading --policy/--boundary files once per command. */
#include "policy_set.h"

#include <stdlib.h>
#include <string.h>

#include "camsim_tools.h"
#include "io.h"

void cli_print_document_error(const char *file, const char *text, size_t len,
                              const camsim_error *err)
{
    if (err->path[0]) {
        cli_error("%s: %s: %s", file, err->path, err->message);
    } else if (err->code == CAMSIM_E_JSON && text) {
        size_t line = 0, col = 0;
        camsim_line_col(text, len, err->offset, &line, &col);
        cli_error("%s: line %zu, column %zu: %s", file, line, col, err->message);
    } else {
        cli_error("%s: %s", file, err->message);
    }
}

static camsim_policy *load_one(const char *file, cli_buf *text)
{
    if (cli_read_file(file, text) != 0)
        return NULL;
    camsim_error err;
    memset(&err, 0, sizeof err);
    camsim_policy *p = camsim_policy_parse(text->data, text->len, &err);
    if (!p)
        cli_print_document_error(file, text->data, text->len, &err);
    return p;
}

int cli_policy_set_load(cli_policy_set *set, const char *const *files, size_t n,
                        const char *boundary_file)
{
    memset(set, 0, sizeof *set);
    size_t stdin_users = boundary_file && strcmp(boundary_file, "-") == 0;
    for (size_t i = 0; i < n; i++)
        stdin_users += strcmp(files[i], "-") == 0;
    if (stdin_users > 1) {
        cli_error("stdin ('-') can be read only once; give the other documents as files");
        return -1;
    }
    set->policies = cli_xcalloc(n ? n : 1, sizeof *set->policies);
    set->names = cli_xcalloc(n ? n : 1, sizeof *set->names);
    cli_buf text = {0};
    size_t statements = 0;
    for (size_t i = 0; i < n; i++) {
        camsim_policy *p = load_one(files[i], &text);
        if (!p)
            goto fail;
        set->policies[set->count] = p;
        set->names[set->count] = files[i];
        set->count++;
        statements += camsim_policy_statement_count(p);
    }
    if (boundary_file) {
        set->boundary = load_one(boundary_file, &text);
        if (!set->boundary)
            goto fail;
        set->boundary_name = boundary_file;
        statements += camsim_policy_statement_count(set->boundary);
    }
    cli_buf_free(&text);
    set->match_capacity = statements ? statements : 1;
    set->matches = cli_xcalloc(set->match_capacity, sizeof *set->matches);
    return 0;
fail:
    cli_buf_free(&text);
    cli_policy_set_free(set);
    return -1;
}

void cli_policy_set_free(cli_policy_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        camsim_policy_free(set->policies[i]);
    camsim_policy_free(set->boundary);
    free(set->policies);
    free(set->names);
    free(set->matches);
    memset(set, 0, sizeof *set);
}

camsim_code cli_policy_set_eval(cli_policy_set *set, const camsim_request *request,
                                camsim_decision *out, camsim_error *err)
{
    out->matches = set->matches;
    out->match_capacity = set->match_capacity;
    out->match_count = 0;
    return camsim_evaluate((const camsim_policy *const *)set->policies, set->count,
                           set->boundary, request, out, err);
}

const char *cli_policy_set_match_name(const cli_policy_set *set, const camsim_match *m,
                                      int *is_boundary)
{
    *is_boundary = 0;
    if (m->policy < set->count)
        return set->names[m->policy];
    if (set->boundary && m->policy == set->count) {
        *is_boundary = 1;
        return set->boundary_name;
    }
    return "?";
}
