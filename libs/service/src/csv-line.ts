/**
 * Splits one CSV line on commas, honouring double-quoted fields ("" inside
 * quotes is a quote). Used by the file imports (DIPA, SP2D list).
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell for a file people open in a spreadsheet: a value starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so it
 * is read as text, never run as a formula (a negative amount `-5` becomes
 * `'-5`); a value holding a comma, quote or line break is quoted.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const neutral = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(neutral) || neutral !== text ? `"${neutral.replaceAll('"', '""')}"` : neutral;
}

/** One CSV line of cells made with csvCell, without its line break. */
export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}
