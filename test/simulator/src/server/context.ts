import { Organisation } from '../model';

/** What every upstream's router gets: the organisation to serve and where it is served from. */
export interface SimulatorContext {
  /** The organisation in force (a scenario can be loaded while the server runs). */
  organisation(): Organisation;
  /** Base URL of the simulator, `http://localhost:7100`, for the URLs inside payloads. */
  baseUrl(): string;
  /**
   * How many items a "pagination changes between pages" fault has slipped in front of this list
   * since its first page was served (0 without that fault). List endpoints add it to the offset of
   * every page after the first, so a client sees an item twice, as with a real list that grows
   * while it is paged.
   */
  pageShift(request: { path: string; page: number }): number;
}
