import type { Migration } from "../migrate.js";
import { feedsAndArticles } from "./001-feeds-and-articles.js";
import { subscriptions } from "./002-subscriptions.js";
import { digests } from "./003-digests.js";
import { articleSearch } from "./004-article-search.js";
import { subscriptionControls } from "./005-subscription-controls.js";
import { alerts } from "./006-alerts.js";
import { searchIndexInBulk } from "./010-search-index-in-bulk.js";
import { workspaces } from "./011-workspaces.js";

/** Every schema change, in order. Add new ones at the end; never edit an applied one. */
export const migrations: readonly Migration[] = [
  feedsAndArticles,
  subscriptions,
  digests,
  articleSearch,
  subscriptionControls,
  alerts,
  searchIndexInBulk,
  workspaces,
];
