"""Plain-text tables for the command-line tools."""


def print_table(headers, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = '+' + '+'.join('-' * (w + 2) for w in widths) + '+'
    print(line)
    print('| ' + ' | '.join(h.ljust(w) for h, w in zip(headers, widths))
          + ' |')
    print(line)
    for row in rows:
        print('| ' + ' | '.join(str(v).ljust(w) for v, w in zip(row, widths))
              + ' |')
    print(line)
