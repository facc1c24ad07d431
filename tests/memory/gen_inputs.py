#!/usr/bin/env python3
"""gen_inputs.py KIND BYTES OUT: one input for peak_memory.sh.

Kinds (BYTES is the approximate size; for "valid" it is the statement count):
  valid    a valid policy of BYTES statements
  zeros    {"x":[0,0,...]}: one array far over CAMSIM_MAX_VALUES
  deep     '[' repeated: nesting far over CAMSIM_MAX_NESTING
  strings  arrays (<= 1024 entries, three levels) of "" padded to 9 bytes a
           value: just inside the value budget, so cJSON builds all of it
  members  the same with objects of 256 "":"" members (the costliest value:
           a node, a member name and a string)
  reqline  a request line of BYTES bytes, then a valid request line
"""
import sys


def nested(item, n_items):
    inner = '[' + ','.join([item] * 1024) + ']'
    n_inner = max(1, n_items // 1024)
    mids, rest = divmod(n_inner, 1024)
    parts = ['[' + ','.join([inner] * 1024) + ']'] * mids if mids else []
    if rest:
        parts.append('[' + ','.join([inner] * rest) + ']')
    return '[' + ','.join(parts) + ']'


def main():
    kind, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == 'valid':
        st = ('{"effect":"allow","action":["trtc:DismissRoom","trtc:Describe*"],'
              '"resource":["qcs::trtc::uin/1:sdkappid/%d"]}')
        text = '{"version":"2.0","statement":[' + ','.join(st % i for i in range(size)) + ']}'
    elif kind == 'zeros':
        text = '{"x":[' + '0,' * (size // 2 - 4) + '0]}'
    elif kind == 'deep':
        text = '[' * size
    elif kind == 'strings':
        text = nested('""      ', size // 9)
    elif kind == 'members':
        text = nested('{' + ','.join(['"":""   '] * 256) + '}', size // (9 * 257))
    elif kind == 'reqline':
        text = ('{"action":"trtc:DismissRoom","context":{"k":[' + '0,' * (size // 2) + '0]}}\n'
                '{"action":"trtc:DismissRoom","resource":"qcs::trtc::uin/1:sdkappid/1"}\n')
    else:
        sys.exit('unknown kind ' + kind)
    with open(out, 'w') as f:
        f.write(text)


main()
