import type { Condition } from './questionnaire.schema.ts';

/**
 * Parses the XLSForm `relevant` subset into the structured Condition: `${q} = 'x'`, `!=`, `>=`,
 * `<=`, `selected(${q}, 'x')`, `${q} != ''` (answered), `${q} = ''` (not answered), `and`, `or`,
 * `not(…)` and parentheses. Anything else is refused with a Dutch message, never guessed at: a
 * wrong routing would silently skip questions on paper and on the web.
 */

type Token =
  | { kind: 'ref'; name: string }
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'op'; value: '=' | '!=' | '>=' | '<=' }
  | { kind: 'word'; value: 'and' | 'or' | 'not' | 'selected' }
  | { kind: 'punct'; value: '(' | ')' | ',' };

export class RelevantSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const ref = /^\$\{([a-z][a-z0-9_]*)\}/.exec(rest);
    const str = /^'([^']*)'|^"([^"]*)"/.exec(rest);
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    const op = /^(!=|>=|<=|=)/.exec(rest);
    const word = /^(and|or|not|selected)\b/.exec(rest);
    if (ref) tokens.push({ kind: 'ref', name: ref[1] as string });
    else if (str) tokens.push({ kind: 'str', value: str[1] ?? str[2] ?? '' });
    else if (num) tokens.push({ kind: 'num', value: Number(num[0]) });
    else if (op) tokens.push({ kind: 'op', value: op[1] as '=' });
    else if (word) tokens.push({ kind: 'word', value: word[1] as 'and' });
    else if ('(),'.includes(rest[0] as string))
      tokens.push({ kind: 'punct', value: rest[0] as '(' });
    else
      throw new RelevantSyntaxError(
        `onbekend teken bij "${rest.slice(0, 15)}" (toegestaan: \${vraag}, = != >= <=, selected(), and, or, not(), haakjes)`,
      );
    i += (ref ?? str ?? num ?? op ?? word)?.[0].length ?? 1;
  }
  return tokens;
}

export function parseRelevant(text: string): Condition {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const describe = (t: Token | undefined) =>
    t === undefined
      ? 'het einde'
      : t.kind === 'ref'
        ? `\${${t.name}}`
        : t.kind === 'str'
          ? `'${t.value}'`
          : String(t.value);
  const expect = (kind: Token['kind'], value?: string): Token => {
    const t = tokens[pos];
    if (!t || t.kind !== kind || (value !== undefined && 'value' in t && t.value !== value))
      throw new RelevantSyntaxError(`verwacht ${value ?? kind}, maar vond ${describe(t)}`);
    pos++;
    return t;
  };
  const isWord = (value: string) => {
    const t = peek();
    return t?.kind === 'word' && t.value === value;
  };

  function literal(): string | number {
    const t = tokens[pos];
    if (t?.kind === 'str' || t?.kind === 'num') {
      pos++;
      return t.value;
    }
    throw new RelevantSyntaxError(
      `verwacht een waarde ('x' of een getal), maar vond ${describe(t)}`,
    );
  }

  function primary(): Condition {
    const t = peek();
    if (t?.kind === 'punct' && t.value === '(') {
      pos++;
      const inner = orExpr();
      expect('punct', ')');
      return inner;
    }
    if (isWord('not')) {
      pos++;
      expect('punct', '(');
      const inner = orExpr();
      expect('punct', ')');
      return { not: inner };
    }
    if (isWord('selected')) {
      pos++;
      expect('punct', '(');
      const ref = expect('ref') as { name: string };
      expect('punct', ',');
      const value = literal();
      expect('punct', ')');
      return { question: ref.name, selected: String(value) };
    }
    const ref = expect('ref') as { name: string };
    const op = expect('op') as { value: string };
    const value = literal();
    const question = ref.name;
    if (value === '') {
      if (op.value === '=') return { question, answered: false };
      if (op.value === '!=') return { question, answered: true };
      throw new RelevantSyntaxError(`${op.value} '' kan niet; gebruik = '' of != ''`);
    }
    if (op.value === '=') return { question, equals: value };
    if (op.value === '!=') return { question, notEquals: value };
    if (typeof value !== 'number')
      throw new RelevantSyntaxError(`${op.value} werkt alleen met een getal, niet met '${value}'`);
    return op.value === '>=' ? { question, gte: value } : { question, lte: value };
  }

  function andExpr(): Condition {
    const parts = [primary()];
    while (isWord('and')) {
      pos++;
      parts.push(primary());
    }
    return parts.length === 1 ? (parts[0] as Condition) : { all: parts };
  }

  function orExpr(): Condition {
    const parts = [andExpr()];
    while (isWord('or')) {
      pos++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? (parts[0] as Condition) : { any: parts };
  }

  const result = orExpr();
  if (pos < tokens.length)
    throw new RelevantSyntaxError(`onverwacht ${describe(tokens[pos])} na een complete voorwaarde`);
  return result;
}
