/* json_number_text.h: the exact text of every JSON number in a cJSON tree. */
#ifndef CAMSIM_JSON_NUMBER_TEXT_H
#define CAMSIM_JSON_NUMBER_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "camsim_tools.h" /* camsim_json_tree */

/**
 * Give every number node of root (parsed by cJSON from json[0..len), which
 * camsim_json_guard accepted) its token's text as valuestring, so numbers
 * can compare by their exact decimal value instead of cJSON's double.
 * cJSON_Delete frees the texts with the tree. False only when out of memory.
 */
bool camsim_json_number_texts(cJSON *root, const char *json, size_t len);


#endif
