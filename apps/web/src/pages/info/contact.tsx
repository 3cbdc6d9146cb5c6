/** An address when it looks like one, else the text as configured (a postal address, a service, a URL). */
export function Contact({ value }: { value: string }) {
  if (/^[^\s@]+@[^\s@]+$/.test(value)) return <a href={`mailto:${value}`}>{value}</a>;
  if (/^https:\/\//.test(value)) return <a href={value}>{value}</a>;
  return <>{value}</>;
}
