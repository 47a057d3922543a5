/** A comma-separated variable (brokers, key file paths) as a trimmed list without empty entries; a single value too. */
export const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
