import type { Migration } from "../../migrate.js";
import { schema } from "./001-schema.js";
import { claims } from "./002-claims.js";
import { workspaces } from "./003-workspaces.js";

/** Every PostgreSQL schema change, in order. Add new ones at the end; never edit an applied one. */
export const postgresMigrations: readonly Migration[] = [schema, claims, workspaces];
