// How the addresses of a reply are compared (docs/permissions.md, "Inbound replies"). E-mail addresses: the address
// inside a display name ("Zoe <zoe@x.test>"), lower-cased, as contacts' and users' e-mails are stored. Phone numbers:
// their digits; a contact's number written in a national form ("020 7946 0958", "(555) 123-4567") is found from the
// E.164 number of the reply by the national forms below.

/** The bare, lower-cased e-mail address of `text`, or null when it holds none. */
export function emailAddressOf(text: string): string | null {
  const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(text);
  const address = (bracketed?.[1] ?? text).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/.test(address) ? address : null;
}

/** The digits of a phone number ("+1 (555) 123-4567" → "15551234567"); null when it has fewer than 5. */
export function phoneDigitsOf(text: string): string | null {
  const digits = text.replace(/[^0-9]+/g, '');
  return digits.length >= 5 ? digits : null;
}

/**
 * The ways a contact's number may have been written without its country code, for the E.164 digits `digits`: the
 * international prefix 00 in front, or the country code (1 to 3 digits) left out, with or without a trunk 0. Forms
 * shorter than 7 digits are left out: too short to name one person.
 */
export function nationalForms(digits: string): string[] {
  const forms = new Set<string>([`00${digits}`]);
  for (const cc of [1, 2, 3]) {
    const national = digits.slice(cc);
    if (national.length >= 7) {
      forms.add(national);
      forms.add(`0${national}`);
    }
  }
  forms.delete(digits);
  return [...forms];
}
