// Help texts. Kept beside nothing else so that `--help` reads as one page.

export const MAIN_HELP = `Usage: tandem <command> [flags]

Commands:
  seed           generate the CRM-N benchmark data set and load it (see tandem seed --help)
  audit verify   walk an org's hash-chained audit log and report whether it is intact
  audit checkpoint  print an org's signed audit checkpoint (JSON), for audit verify --checkpoint
  audit keygen   make an offline Ed25519 key for signing audit checkpoints (see tandem audit --help)
  import FILE    import contacts from a CSV or vCard file as a user (see tandem import --help)
  export         write the contacts a user may export to a CSV, XLSX or vCard file (see tandem export --help)
  sync P         run a user's Mailchimp or Google Contacts sync to its end (see tandem sync --help)
  backup         write every table to one checked file, PGlite or PostgreSQL (see tandem backup --help)
  restore FILE   restore a backup into an empty database, PGlite or PostgreSQL (see tandem restore --help)

The database is the one the server uses: PostgreSQL when DATABASE_URL is set, otherwise PGlite in
TANDEM_DATA_DIR (default ./.tandem-data). Commands migrate it first, except backup (it only reads) and
restore (it brings the database to the backup's level, restores, then migrates on).

Flags:
  -h, --help     show help (also after a command)

Exit codes: 0 success, 1 failure (or an invalid audit chain), 2 bad command or flags.
`;

export const SEED_HELP = `Usage: tandem seed [--contacts N] [--users U] [--seed S] [flags]

Generates CRM-N (docs: shared/design/performance.md) deterministically from the seed and loads it into a new
org: U users (2 % admins), teams of 3–30, N contacts with skewed ownership (the top owner holds 10 %),
5 % of contacts shared one by one (view or collaborate; 20 % of those time-limited, some already expired),
~5 user grants per user over other users' contacts or calendars, and 200 buckets of 100–10,000 contacts
(scaled down below 10 K contacts) shared with 2–50 users or teams. Same seed and sizes, same rows; times are
relative to the start of the current UTC day.

Flags:
  --contacts N        contacts to generate (100 to 10M; 10k, 1M accepted)     default 10000
  --users U           users (6 to 100,000)                                    default 50
  --seed S            any text                                                default 1
  --share-all on|off  the org's "share all contacts" switch                   default off
  --messages M        history events per contact (messages, notes, calls).    default 0
                      The spec's data set has 10 at 100 K; it is off by default because it
                      multiplies the load time (1 M rows at 100 K contacts).
  --org-name NAME     org name; user e-mails end in @<name-as-slug>.example   default "CRM-N <N>/<U> seed <S>"
  --batch-size B      rows per INSERT (100 to 20,000)                         default 5000
  --out FILE          where to write the test users and counts as JSON; default <TANDEM_DATA_DIR>/crm-n.json
                      on PGlite, none on PostgreSQL
  --json              print that JSON on stdout (progress goes to stderr)
  -h, --help          this help

Every user's password is "tandem-bench". At the end the command prints the row counts, the load time and
the benchmark's test users: an admin, a member who sees all when share-all is on, a narrow member (~0.1 %
visible with share-all off), a grantee of 20 users, and a bucket member.

Examples:
  npm run tandem -- seed --contacts 100k --users 50 --seed 1
  DATABASE_URL=postgres://localhost/tandem npm run tandem -- seed --contacts 1M --users 1000 --share-all on
`;

export const AUDIT_HELP = `Usage: tandem audit verify [--org ID] [--checkpoint FILE [--public-key FILE]]
       tandem audit checkpoint --org ID [--signing-key FILE] > FILE
       tandem audit keygen --out FILE

verify recomputes every hash of the audit log of one org (--org) or of every org, and reports for each whether the
chain is intact and how many entries it holds. Exits 1 when any chain is broken, naming the first bad entry.
With --checkpoint FILE (made by \`tandem audit checkpoint\` or GET /api/v1/audit/checkpoint) it also checks the
checkpoint's signature and that the chain still holds its seq with its hash: a chain rewritten end to end since
then fails here even when every hash recomputes. Keep checkpoints outside the database. The signature must be the
server's key's or the offline key's (--public-key, default TANDEM_AUDIT_PUBLIC_KEY); the line says which signed.

checkpoint prints the org's head (seq and hash) signed, as JSON: with the server's Ed25519 audit key, or with
--signing-key FILE by an offline key, which someone holding the server's secret and database cannot forge.
Both read the server's secret key (TANDEM_SECRET_KEY, or the key file beside the data) to check keyed hashes, and
migrate as DATABASE_MIGRATION_URL's role when it is set.

keygen writes a new Ed25519 private key to FILE (PEM, mode 0600, never over an existing file) and its public key
to FILE.pub, and prints the public key as TANDEM_AUDIT_PUBLIC_KEY=... for the server. Keep FILE offline.

Flags:
  --org ID             the org's id (verify: default every org, or the checkpoint's org)
  --checkpoint FILE    a signed checkpoint to check the chain against (verify)
  --public-key FILE    the offline key's public key, PEM or the printed text (verify)
  --signing-key FILE   sign with this offline private key instead of the server's key (checkpoint)
  --out FILE           where keygen writes the private key
  -h, --help           this help
`;

export const EXPORT_HELP = `Usage: tandem export --as EMAIL --format csv|xlsx|vcard [--q TEXT] [--archived] [--bom] [--out FILE]

Exports the contacts the user with this e-mail sees at view or more, exactly as GET /api/v1/contacts/export does
for them: the same gate (admins; members when the team's export switch is on and the format is among their
export channels), the same file, the same audit entry. A refusal prints the API's code
(TANDEM_EXPORT_DISABLED or TANDEM_EXPORT_CHANNEL_BLOCKED) and exits 1.

Flags:
  --as EMAIL      the user the export acts as (required)
  --format F      csv, xlsx or vcard (required)
  --q TEXT        only contacts the list's search finds
  --archived      the archive instead of the active contacts
  --bom           start a CSV with a byte order mark (Excel)
  --out FILE      where to write (default ./contacts-YYYY-MM-DD.csv, .xlsx or .vcf)
  -h, --help      this help

Example:
  npm run tandem -- export --as ada@acme.example --format xlsx --out acme.xlsx
`;

export const IMPORT_HELP = `Usage: tandem import FILE --as EMAIL [--dry-run] [--mapping JSON]

Imports contacts from a CSV file (header row; delimiter , ; or tab; UTF-8 with or without a BOM) or a vCard
3.0/4.0 file, exactly as POST /api/v1/imports does (docs/decisions.md D36), acting as the active user with
that e-mail: rows whose e-mail matches a contact that user can see and edit fill and merge it, matches they
may only view are skipped, the rest are created and owned by them. Written 500 rows per transaction; the first
batch that fails stops the run (nothing of it written) and importing the same file again finishes it.

Flags:
  --as EMAIL       the importing user (required)
  --dry-run        report what would be created, updated and skipped; write nothing
  --mapping JSON   {"column": "field"} overriding the columns' detected fields; fields: name, firstName,
                   lastName, company, title, emails, phones, tags, address, ignore
  -h, --help       this help

Prints the counts, each skipped reason, each row error and the mapping used. Exit codes: 0 done,
1 refused (the API's error code and detail) or stopped at a failed batch, 2 bad flags.

Example:
  npm run tandem -- import ./contacts.csv --as ada@example.com --dry-run
`;

export const SYNC_HELP = `Usage: tandem sync mailchimp|google_contacts --as EMAIL

Runs the sync of the user with this e-mail to its end, exactly as "Sync now" (POST /api/v1/integrations/:provider/runs)
does: the same gate (admins; members when the team's export switch is on and the provider's channel,
mailchimp_sync or google_contacts_sync, is among their export channels), the contacts they see at view or more
(active ones), the same audit entry. The run's jobs go through the queue in this process, with a progress bar.
The user connects the provider first, in the app (Integrations) or with PUT /api/v1/integrations/:provider; the
credentials open with the server's key (TANDEM_SECRET_KEY, or the key file beside the data), and the providers'
URLs come from TANDEM_MAILCHIMP_BASE_URL, TANDEM_GOOGLE_PEOPLE_BASE_URL and TANDEM_GOOGLE_TOKEN_URL as for the server.
A refusal prints the API's code (TANDEM_EXPORT_DISABLED, TANDEM_EXPORT_CHANNEL_BLOCKED,
TANDEM_INTEGRATION_NOT_CONNECTED, TANDEM_SYNC_RUNNING) and exits 1; so does a run that fails or stops.

Flags:
  --as EMAIL      the user the sync acts as (required)
  -h, --help      this help

Example:
  npm run tandem -- sync mailchimp --as ada@acme.example
`;

export const BACKUP_HELP = `Usage: tandem backup [--out FILE]

Writes every table of the database the server uses into one gzip'd file of JSON lines: a header (format version,
Tandem's migration level, the time, each table's row count), then each table's rows in key order, each table closed
by its row count and SHA-256. All tables are read in one REPEATABLE READ snapshot, so on PostgreSQL the server
may keep running (the file is a consistent point in time); a PGlite folder is one process's at a time, so stop
the server first. No pg_dump needed: the same file restores on PGlite or PostgreSQL (tandem restore), which is
also the way to move from one to the other. Reads only: nothing is migrated or written to the database.

The server key (TANDEM_SECRET_KEY, or the key file beside the data) is not in the database, so not in the backup:
keep it with your backups, apart from them. Restored elsewhere with another key, the audit log does not verify
and integrations' stored credentials do not open.

Flags:
  --out FILE      where to write (default ./tandem-backup-YYYY-MM-DDTHHMMSSZ.ndjson.gz); an existing file is refused
  -h, --help      this help

Examples:
  npm run tandem -- backup --out /backups/tandem.ndjson.gz
  DATABASE_URL=postgres://tandem@db/tandem npm run tandem -- backup
`;

export const RESTORE_HELP = `Usage: tandem restore FILE [--force [--yes]] [--check]

Restores a file made by tandem backup into the database the server uses (PostgreSQL when DATABASE_URL is set,
otherwise the PGlite folder TANDEM_DATA_DIR; a new folder or an empty database is the usual target). First the
whole file is checked (every table's row count and SHA-256): a cut-short or changed file is refused and nothing
is written. The database is brought to the backup's migration level, the rows are written in one transaction,
and every table is read back and compared with the file's checksum before it commits; any failure leaves the
database as it was. Then the database is migrated on to this Tandem's level.

A database that holds rows is refused unless --force, which replaces everything in it after you type yes (or
--yes, for scripts). Stop the server before restoring. On PostgreSQL the restore runs as the tables' owner:
DATABASE_MIGRATION_URL when set (the app's role may not turn the audit log's triggers off), else DATABASE_URL.
Start the server with the same server key as the backup's server (TANDEM_SECRET_KEY or its key file); the command
checks the audit log against the key it finds and says so.

Flags:
  --check         only check the file (counts and checksums); touch no database
  --force         replace a database that holds rows (asks for yes at the terminal)
  --yes           with --force: do not ask (scripts)
  -h, --help      this help

Examples:
  TANDEM_DATA_DIR=./restored npm run tandem -- restore tandem-backup-2026-11-30T113217Z.ndjson.gz
  DATABASE_URL=postgres://tandem@db/tandem npm run tandem -- restore pglite-backup.ndjson.gz   # PGlite -> PostgreSQL
`;
