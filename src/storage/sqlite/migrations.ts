/**
 * Schema migrations, applied in order on start; `PRAGMA user_version` records how far a file got.
 * Never edit a released migration: add the next one.
 */
export const migrations: string[] = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     channel TEXT NOT NULL,
     locale TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     seq INTEGER NOT NULL,
     role TEXT NOT NULL,
     text TEXT NOT NULL,
     text_sealed TEXT,
     client_id TEXT,
     created_at TEXT NOT NULL,
     meta TEXT NOT NULL DEFAULT '{}',
     UNIQUE (conversation_id, seq)
   );
   CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, client_id) WHERE client_id IS NOT NULL;
   CREATE TABLE feedback (
     message_id TEXT PRIMARY KEY REFERENCES messages(id),
     conversation_id TEXT NOT NULL,
     rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
     created_at TEXT NOT NULL
   );
   CREATE INDEX feedback_conversation ON feedback(conversation_id);`,
  // Guided applications: the encrypted flow state per conversation, and which conversation
  // filed which application (to tell it when the status changes).
  `ALTER TABLE conversations ADD COLUMN flow_state TEXT;
   CREATE TABLE application_links (
     application_number TEXT NOT NULL,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     created_at TEXT NOT NULL,
     PRIMARY KEY (application_number, conversation_id)
   );`,
  // Live handoff: staff accounts, each request for a person (queue to survey), left messages.
  `CREATE TABLE staff (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     languages TEXT NOT NULL,
     skills TEXT NOT NULL,
     capacity INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 20),
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL
   );
   CREATE TABLE handoffs (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     status TEXT NOT NULL CHECK (status IN ('queued', 'active', 'closed', 'cancelled')),
     reason TEXT NOT NULL,
     urgency TEXT NOT NULL,
     language TEXT NOT NULL,
     skill TEXT NOT NULL,
     intent TEXT,
     arrived_at TEXT NOT NULL,
     agent_id TEXT,
     accepted_at TEXT,
     closed_at TEXT,
     wrap_up TEXT,
     close_note TEXT,
     transfer_note TEXT,
     survey_rating INTEGER,
     survey_comment TEXT
   );
   CREATE INDEX handoffs_conversation ON handoffs(conversation_id);
   CREATE UNIQUE INDEX handoffs_one_open ON handoffs(conversation_id) WHERE status IN ('queued', 'active');
   CREATE INDEX handoffs_closed ON handoffs(closed_at) WHERE status = 'closed';
   CREATE TABLE tickets (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id),
     language TEXT NOT NULL,
     text TEXT NOT NULL,
     text_sealed TEXT,
     status TEXT NOT NULL CHECK (status IN ('open', 'answered')),
     created_at TEXT NOT NULL,
     answered_by TEXT,
     answered_at TEXT
   );
   CREATE INDEX tickets_status ON tickets(status, created_at);`,
  // When the chat was last offered to an agent: the offer's countdown and the citizen's estimate
  // are the same on every instance and after a reconnect.
  `ALTER TABLE handoffs ADD COLUMN offered_at TEXT;`,
  // The channel's own name for a conversation (a WeChat follower's OpenID; the id itself on the web).
  `ALTER TABLE conversations ADD COLUMN channel_key TEXT;
   UPDATE conversations SET channel_key = id;
   CREATE UNIQUE INDEX conversations_channel_key ON conversations(channel, channel_key);`,
  // Delayed jobs of the embedded mode (offer timeouts, grace periods, idle applications): a restart
  // arms them again instead of forgetting them.
  `CREATE TABLE delayed_jobs (
     kind TEXT NOT NULL,
     key TEXT NOT NULL,
     payload TEXT NOT NULL,
     due_at INTEGER NOT NULL,
     PRIMARY KEY (kind, key)
   );`,
  // Staff roles, sessions that a sign-out ends at once, and the hash-chained audit log.
  `ALTER TABLE staff ADD COLUMN roles TEXT NOT NULL DEFAULT '["agent"]';
   CREATE TABLE staff_sessions (
     id TEXT PRIMARY KEY,
     staff_id TEXT NOT NULL REFERENCES staff(id),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     ended_at TEXT,
     ended_reason TEXT
   );
   CREATE INDEX staff_sessions_open ON staff_sessions(staff_id) WHERE ended_at IS NULL;
   CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT,
     action TEXT NOT NULL,
     target TEXT,
     detail TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX audit_actor ON audit_log(actor, seq);
   CREATE INDEX audit_action ON audit_log(action, seq);`,
  // Whether a left message gives a callback number, decided when it is left: listing the open ones
  // no longer opens every sealed original.
  `ALTER TABLE tickets ADD COLUMN has_callback INTEGER;`,
  // The staff second factor: the authenticator's secret (sealed with the field cipher), the last
  // 30-second step whose code was used (a code works once), recovery codes (keyed hashes), and
  // whether an admin asked an agent-only account for it.
  `ALTER TABLE staff ADD COLUMN totp_secret TEXT;
   ALTER TABLE staff ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE staff ADD COLUMN recovery_codes TEXT NOT NULL DEFAULT '[]';
   ALTER TABLE staff ADD COLUMN require_second_factor INTEGER NOT NULL DEFAULT 0;`,
  // Published versions of the knowledge base: each document's text stored once (by its hash),
  // and which documents, by name, make up each version.
  `CREATE TABLE knowledge_texts (
     hash TEXT PRIMARY KEY,
     text TEXT NOT NULL
   );
   CREATE TABLE knowledge_versions (
     version INTEGER PRIMARY KEY,
     author TEXT NOT NULL,
     note TEXT NOT NULL,
     published_at TEXT NOT NULL,
     origin TEXT NOT NULL
   );
   CREATE INDEX knowledge_versions_origin ON knowledge_versions(origin, version);
   CREATE TABLE knowledge_documents (
     version INTEGER NOT NULL REFERENCES knowledge_versions(version),
     name TEXT NOT NULL,
     hash TEXT NOT NULL REFERENCES knowledge_texts(hash),
     PRIMARY KEY (version, name)
   );`,
  // The questions editors add for the regression guard, each with the intent it must keep.
  `CREATE TABLE regression_questions (
     text TEXT PRIMARY KEY,
     intent TEXT NOT NULL,
     added_by TEXT NOT NULL,
     added_at TEXT NOT NULL
   );`,
  // Editors' drafts: each a JSON document (its changed knowledge documents, notes and outcome);
  // status and last change as columns for the lists, revision for saves that must not cross.
  `CREATE TABLE knowledge_drafts (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     revision INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX knowledge_drafts_status ON knowledge_drafts(status, updated_at);`,
  // The editors' inbox (src/storage/sqlite/unanswered-questions.ts). Its reads start from the bot's
  // replies of a few kinds (fell back, asked back, the way to a person, an FAQ answer) since a date:
  // messages_bot_decision finds those by decision and time without reading the window's other
  // messages (json_extract is deterministic, so SQLite indexes it; the queries say role = 'bot' and
  // the same expression). It costs every bot message one more index entry, appended at the end of
  // its decision's range; made once on an existing file, by one pass over the table.
  // feedback_rating finds the thumbs-down of a window; the agents' flags and the editors' handled
  // marks are tables of their own, the flags read by time.
  `CREATE INDEX messages_bot_decision ON messages(json_extract(meta, '$.decision'), created_at) WHERE role = 'bot';
   CREATE INDEX feedback_rating ON feedback(rating, created_at);
   CREATE TABLE inbox_flags (
     message_id TEXT NOT NULL REFERENCES messages(id),
     agent_id TEXT NOT NULL,
     note TEXT NOT NULL,
     flagged_at TEXT NOT NULL,
     PRIMARY KEY (message_id, agent_id)
   );
   CREATE INDEX inbox_flags_at ON inbox_flags(flagged_at);
   CREATE TABLE inbox_handled (
     message_id TEXT PRIMARY KEY REFERENCES messages(id),
     handled_by TEXT NOT NULL,
     how TEXT NOT NULL CHECK (how IN ('added_to_faq', 'new_faq', 'dismissed')),
     faq_id TEXT,
     handled_at TEXT NOT NULL
   );`,
  // How a channel reaches the citizen later (WeChat's OpenID, sealed): the key is only its hash.
  `ALTER TABLE conversations ADD COLUMN contact_sealed TEXT;`,
];
