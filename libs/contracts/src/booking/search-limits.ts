// The search's limits, with no zod, so that the web's first page reads them without the schemas.

/** Free slots returned per space, earliest first: a space with this many may have more. */
export const MAX_SLOTS_PER_SPACE = 10;
