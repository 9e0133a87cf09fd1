import type { Json } from "../model/model.ts";

/** What the `explore` thread loads (plain data: it crosses to the worker thread). */
export interface ExploreJob {
  readonly file: string;
  readonly cwd: string;
  readonly spec?: string;
  readonly set?: readonly string[];
  readonly trace?: string;
  readonly typecheck?: boolean;
}

/** A change (or a look) the page asks of its tab's session. */
export type ExploreOp = "view" | "start" | "choose" | "jump" | "follow";

/** One request to the thread: `op` with `index` on the session of the tab `session`. */
export interface ExploreRequest {
  readonly id: number;
  readonly session: string;
  readonly op: ExploreOp;
  readonly index: number;
}

/** The answer to request `id`: an HTTP status and the JSON body (the view, or `{ error }`). */
export interface ExploreReply {
  readonly kind: "reply";
  readonly id: number;
  readonly status: number;
  readonly body: Json | object;
}

/** What the `explore` thread tells the server. */
export type ExploreThreadMessage =
  /** The spec is loaded (and the saved trace read): requests may come. */
  | { readonly kind: "ready"; readonly spec: string; readonly file: string; readonly followed: { readonly source: string; readonly diverged: number | null } | null }
  /** The spec could not be loaded: exit with `code` after printing `text`. */
  | { readonly kind: "failed"; readonly code: number; readonly text: string }
  /** Something to tell the user on stderr (a stray asynchronous error of the spec). */
  | { readonly kind: "note"; readonly text: string }
  | ExploreReply;
