/**
 * The sync protocol (version `PROTOCOL_VERSION`): wire messages, the mutation registry and the
 * pure rules by which the server applies mutations. Shared by the client (`src/sync`), the
 * server (`server/sync`) and the rest of the app, which builds mutations with `mutation()`.
 */
export * from './messages.ts';
export * from './mutations.ts';
export * from './apply.ts';
export * from './pending.ts';
export * from './snapshot.ts';
export {
  describeIssues,
  eventSchema,
  orderSchema,
  parcelSchema,
  settingsSchema,
  importedFieldsSchema,
} from './schemas.ts';
export * from './validate.ts';
export * from './rebase.ts';
