// Realistic sample contacts for journeys and screenshots.
export const ZOE = {
  name: 'Zoe Hartmann',
  company: 'Hartmann Logistics',
  title: 'Chief Operating Officer',
  emails: ['zoe@hartmann-logistics.example'],
  phones: ['+49 30 5550 1420'],
  tags: ['key account', 'renewal'],
};

export const BEN_BOOK = [
  { name: 'Liam Novak', company: 'Novak & Partners', title: 'Managing Partner', emails: ['liam@novak.example'], phones: ['+1 415 555 0181'] },
  { name: 'Sofia Brandt', company: 'Brandt Dental', title: 'Practice Owner', emails: ['sofia@brandt-dental.example'], phones: ['+1 312 555 0102'] },
  { name: 'Yusuf Demir', company: 'Demir Textiles', title: 'Head of Purchasing', emails: ['yusuf@demir.example'], phones: ['+90 212 555 0133'] },
];

export const CAT_BOOK = [
  { name: 'Aiko Tanaka', company: 'Sakura Clinics', title: 'Operations Lead', emails: ['aiko@sakura.example'], phones: ['+81 3 5550 2201'] },
  { name: 'Marco Bianchi', company: 'Bianchi Foods', title: 'Founder', emails: ['marco@bianchi.example'], phones: ['+39 02 5550 7712'] },
  { name: 'Nadia Rahman', company: 'Harbor Health', title: 'Clinic Director', emails: ['nadia@harborhealth.example'], phones: ['+1 206 555 0164'] },
  { name: 'Elena Costa', company: 'Costa Architects', title: 'Principal', emails: ['elena@costa.example'], phones: ['+351 21 555 0190'] },
  { name: 'Felipe Ortega', company: 'Ortega Physio', title: 'Owner', emails: ['felipe@ortega.example'], phones: ['+34 91 555 0117'] },
  { name: 'Hannah Weiss', company: 'Weiss Optics', title: 'Office Manager', emails: ['hannah@weiss-optics.example'], phones: ['+49 89 5550 3381'] },
  { name: 'Omar Haddad', company: 'Cedar Vets', title: 'Practice Manager', emails: ['omar@cedarvets.example'], phones: ['+44 20 5550 4410'] },
];
