import type { Migration } from "../migrate.js";
import { feedsAndArticles } from "./001-feeds-and-articles.js";
import { subscriptions } from "./002-subscriptions.js";

/** Every schema change, in order. Add new ones at the end; never edit an applied one. */
export const migrations: readonly Migration[] = [feedsAndArticles, subscriptions];
