/**
 * The list's anchor of one result, which the map's markers point to. Apart from the markers' code, so that the
 * first page (the list) does not carry it.
 */
export const resultAnchor = (spaceId: string) => `resultat-${spaceId}`;
