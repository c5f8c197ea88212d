// Words that realistic-looking people and companies are made of: the demo org on first start and the CRM-N
// generator of the CLI (`tandem seed`) both draw from these lists. Domains end in `.example` and phone numbers
// sit in the ranges reserved for fiction (555-01xx in North America, 020 7946 0xxx in London).

export const FIRST_NAMES = [
  'Zoe', 'Liam', 'Maya', 'Noah', 'Ines', 'Omar', 'Priya', 'Lucas', 'Hana', 'Mateo', 'Aisha', 'Jonas', 'Sofia',
  'Kenji', 'Elena', 'Tomas', 'Leila', 'Oscar', 'Nadia', 'Felix', 'Chloe', 'Arjun', 'Greta', 'Diego', 'Yara',
  'Hugo', 'Mei', 'Samuel', 'Freya', 'Ravi', 'Clara', 'Malik', 'Astrid', 'Julian', 'Amara', 'Theo', 'Lena',
  'Rafael', 'Ingrid', 'Kofi', 'Marta', 'Ethan', 'Sana', 'Bruno', 'Alice', 'Yusuf', 'Nora', 'Pablo', 'Emma',
  'Tariq', 'Lucia', 'Viktor', 'Rosa', 'Daniel', 'Keiko', 'Anders', 'Fatima', 'Marco', 'Helen', 'Ivan',
] as const;

export const LAST_NAMES = [
  'Martin', 'Chen', 'Patel', 'Garcia', 'Kowalski', 'Haddad', 'Nakamura', 'Silva', 'Johansson', 'Okonkwo',
  'Rossi', 'Dubois', 'Schneider', 'Novak', 'Fernandez', 'Kim', 'Andersen', "O'Brien", 'Costa', 'Ibrahim',
  'Laurent', 'Muller', 'Sato', 'Mensah', 'Petrov', 'Alvarez', 'Nilsen', 'Baker', 'Yilmaz', 'Moreau', 'Singh',
  'Walsh', 'Lindgren', 'Bianchi', 'Tanaka', 'Osei', 'Horvat', 'Reyes', 'Fischer', 'Ahmed', 'Keller', 'Duarte',
  'Murphy', 'Nguyen', 'Bergstrom', 'Romano', 'Adeyemi', 'Varga', 'Castillo', 'Hoffmann',
] as const;

export type Company = { name: string; domain: string; address: string; phonePrefix: string };

export const COMPANIES: readonly Company[] = [
  { name: 'Northwind Traders', domain: 'northwind.example', address: '12 Harbour Road, Seattle, WA 98101', phonePrefix: '+1 206 555 01' },
  { name: 'Bluebird Logistics', domain: 'bluebird-logistics.example', address: '480 Canal Street, Chicago, IL 60607', phonePrefix: '+1 312 555 01' },
  { name: 'Greenleaf Clinics', domain: 'greenleaf.example', address: '9 Elm Avenue, Portland, OR 97205', phonePrefix: '+1 503 555 01' },
  { name: 'Harper & Stone', domain: 'harperstone.example', address: '77 Fleet Street, London EC4Y 1AA', phonePrefix: '+44 20 7946 00' },
  { name: 'Lumen Analytics', domain: 'lumen-analytics.example', address: '301 Market Street, San Francisco, CA 94105', phonePrefix: '+1 415 555 01' },
  { name: 'Oakridge Dental', domain: 'oakridge-dental.example', address: '55 Oak Ridge Drive, Austin, TX 78701', phonePrefix: '+1 512 555 01' },
  { name: 'Pioneer Foods', domain: 'pioneerfoods.example', address: '1400 Industrial Parkway, Denver, CO 80216', phonePrefix: '+1 303 555 01' },
  { name: 'Quayside Hotels', domain: 'quayside.example', address: '3 Quay Street, Manchester M3 3JE', phonePrefix: '+44 20 7946 00' },
  { name: 'Redwood Legal', domain: 'redwood-legal.example', address: '200 Redwood Plaza, Sacramento, CA 95814', phonePrefix: '+1 916 555 01' },
  { name: 'Silverline Fitness', domain: 'silverline.example', address: '18 Riverside Walk, Boston, MA 02114', phonePrefix: '+1 617 555 01' },
  { name: 'Tidewater Marine', domain: 'tidewater.example', address: '640 Dockside Lane, Norfolk, VA 23510', phonePrefix: '+1 757 555 01' },
  { name: 'Umbra Design Studio', domain: 'umbra-design.example', address: '25 Shoreditch High Street, London E1 6PJ', phonePrefix: '+44 20 7946 00' },
  { name: 'Vantage Realty', domain: 'vantage-realty.example', address: '911 Summit Boulevard, Phoenix, AZ 85004', phonePrefix: '+1 602 555 01' },
  { name: 'Willow Home Care', domain: 'willowcare.example', address: '14 Willow Court, Minneapolis, MN 55401', phonePrefix: '+1 612 555 01' },
  { name: 'Xylo Software', domain: 'xylo.example', address: '88 Innovation Way, Raleigh, NC 27601', phonePrefix: '+1 919 555 01' },
  { name: 'Yellowstone Outfitters', domain: 'yellowstone-outfitters.example', address: '5 Canyon Road, Bozeman, MT 59715', phonePrefix: '+1 406 555 01' },
  { name: 'Zenith Energy', domain: 'zenith-energy.example', address: '1 Power Plaza, Houston, TX 77002', phonePrefix: '+1 713 555 01' },
  { name: 'Ashford Accountants', domain: 'ashford.example', address: '41 King Street, Edinburgh EH2 4AN', phonePrefix: '+44 20 7946 00' },
  { name: 'Brightpath Schools', domain: 'brightpath.example', address: '260 College Avenue, Columbus, OH 43215', phonePrefix: '+1 614 555 01' },
  { name: 'Copperfield Builders', domain: 'copperfield.example', address: '72 Foundry Row, Pittsburgh, PA 15222', phonePrefix: '+1 412 555 01' },
];

export const TITLES = [
  'CEO', 'Founder', 'Head of Operations', 'Office Manager', 'Procurement Lead', 'CFO', 'Practice Manager',
  'IT Director', 'Marketing Manager', 'Sales Director', 'Facilities Coordinator', 'Head of People',
  'Purchasing Manager', 'COO', 'Clinic Director', 'Account Executive', 'Project Manager', 'Owner',
] as const;

export const TAGS = ['customer', 'prospect', 'partner', 'vip', 'renewal', 'newsletter', 'trial', 'churn-risk', 'referral', 'event-lead'] as const;

export const STREETS = [
  'Maple Street', 'Station Road', 'Harbour Road', 'Mill Lane', 'Park Avenue', 'High Street', 'Cedar Drive',
  'Bridge Street', 'Church Lane', 'Lakeview Terrace', 'Orchard Way', 'Kingsway', 'Meadow Close', 'Union Square',
] as const;

export const CITIES = [
  'Seattle, WA', 'Chicago, IL', 'Portland, OR', 'London', 'Austin, TX', 'Denver, CO', 'Manchester', 'Boston, MA',
  'Phoenix, AZ', 'Edinburgh', 'Raleigh, NC', 'Houston, TX', 'Dublin', 'Toronto, ON', 'Columbus, OH', 'Leeds',
] as const;

/** Two digits, zero-padded: the tail of a fictional phone number. */
export function phoneOf(company: Company, n: number): string {
  return `${company.phonePrefix}${String(n % 100).padStart(2, '0')}`;
}

/** `first.last@domain`, lower case, letters only. */
export function emailOf(first: string, last: string, domain: string): string {
  const clean = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  return `${clean(first)}.${clean(last)}@${domain}`;
}
