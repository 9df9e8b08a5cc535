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
];
