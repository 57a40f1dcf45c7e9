import { Parser } from "htmlparser2";
import type { UploadEntry } from "../archive/uploadEntries.js";
import { entryChunks } from "./entryBytes.js";
import { EntryReadError } from "./entryReadError.js";

/** A line of an activity's body (the text between two `<br>`s) and the links in it. */
export type HtmlLine = { text: string; links: { href: string; text: string }[] };

/**
 * One activity of a Takeout "My Activity"-style HTML page (watch-history.html), as its cells
 * hold it, text entity-decoded but untrimmed:
 *
 * ```html
 * <div class="outer-cell …"><div class="mdl-grid">
 *   <div class="header-cell …"><p class="mdl-typography--title">YouTube Music<br></p></div>
 *   <div class="content-cell … mdl-typography--body-1">Watched&nbsp;<a href="…watch?v=…">Title</a><br>
 *     <a href="…/channel/…">Artist - Topic</a><br>Dec 3, 2024, 10:15:32 PM CET<br></div>
 *   <div class="content-cell … mdl-typography--body-1 mdl-typography--text-right"></div>
 *   <div class="content-cell … mdl-typography--caption"><b>Products:</b><br>&emsp;YouTube<br>
 *     <b>Details:</b><br>&emsp;From Google Ads<br><b>Why is this here?</b><br>…</div>
 * </div></div>
 * ```
 */
export type HtmlActivity = {
  /** the header cell's text (the product: "YouTube Music", "YouTube") */
  header: string;
  /** the first content cell, split at `<br>` */
  body: HtmlLine[];
  /** the caption cell, split at `<br>` ("Products:", "From Google Ads", "Why is this here?"…) */
  caption: string[];
};

type Section = "header" | "body" | "caption" | "other";

/**
 * The entry's activities in file order, in batches (one per chunk read), streamed through
 * htmlparser2: memory holds one chunk and the activity being read, whatever the file's size.
 * Throws EntryReadError at bytes that are not UTF-8 (`local` = the activity they fall in), and
 * when the file holds no activity at all (not a Takeout activity page).
 */
export async function* htmlActivityBatches(entry: UploadEntry): AsyncGenerator<HtmlActivity[]> {
  const collector = new ActivityCollector();
  const parser = new Parser(collector, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  // fatal: invalid bytes throw; stream: a character split across chunks waits for its end; BOM dropped
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new EntryReadError(`not UTF-8 text: invalid bytes in activity ${collector.count + 1}`, collector.count + 1);
    }
  };
  for await (const chunk of entryChunks(entry)) {
    parser.write(decode(chunk));
    if (collector.done.length > 0) yield collector.take();
  }
  parser.write(decode());
  parser.end();
  if (collector.done.length > 0) yield collector.take();
  if (collector.count === 0) throw new EntryReadError("no activity entries (outer-cell) found: not a Takeout watch history", 1);
}

/** htmlparser2 callbacks that build activities from the cells' tags and text. */
class ActivityCollector {
  done: HtmlActivity[] = [];
  count = 0;
  private current: HtmlActivity | null = null;
  private divDepth = 0;
  private outerDepth = 0;
  private section: Section | null = null;
  private sectionDepth = 0;
  private link: { href: string; text: string } | null = null;

  take(): HtmlActivity[] {
    const batch = this.done;
    this.done = [];
    return batch;
  }

  onopentag(name: string, attributes: Record<string, string>): void {
    if (name === "div") {
      this.divDepth++;
      const classes = (attributes.class ?? "").split(/\s+/);
      if (this.current === null) {
        if (classes.includes("outer-cell")) {
          this.current = { header: "", body: [], caption: [] };
          this.outerDepth = this.divDepth;
        }
      } else if (this.section === null) {
        this.section = sectionOf(classes, this.current);
        if (this.section !== null) this.sectionDepth = this.divDepth;
        if (this.section === "body") this.current.body.push({ text: "", links: [] });
        if (this.section === "caption") this.current.caption.push("");
      }
      return;
    }
    if (this.current === null || this.section === null) return;
    if (name === "br") this.lineBreak(this.current);
    else if (name === "a" && this.section === "body") {
      this.link = { href: attributes.href ?? "", text: "" };
      this.current.body.at(-1)!.links.push(this.link);
    }
  }

  ontext(text: string): void {
    const current = this.current;
    if (current === null) return;
    if (this.section === "header") current.header += text;
    else if (this.section === "body") {
      current.body.at(-1)!.text += text;
      if (this.link) this.link.text += text;
    } else if (this.section === "caption") current.caption[current.caption.length - 1] += text;
  }

  onclosetag(name: string): void {
    if (name === "a") this.link = null;
    if (name !== "div") return;
    if (this.current !== null && this.section !== null && this.divDepth === this.sectionDepth) this.section = null;
    if (this.current !== null && this.divDepth === this.outerDepth) {
      this.done.push(this.current);
      this.count++;
      this.current = null;
      this.section = null;
    }
    this.divDepth--;
  }

  private lineBreak(current: HtmlActivity): void {
    this.link = null;
    if (this.section === "body") current.body.push({ text: "", links: [] });
    else if (this.section === "caption") current.caption.push("");
  }
}

/** Which cell a div inside an activity is: the first body-1 content cell is the body, later ones (the empty right-hand cell) are not. */
function sectionOf(classes: string[], current: HtmlActivity): Section | null {
  if (classes.includes("header-cell")) return "header";
  if (!classes.includes("content-cell")) return null;
  if (classes.includes("mdl-typography--caption")) return "caption";
  return current.body.length === 0 ? "body" : "other";
}
