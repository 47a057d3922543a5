/**
 * The deepest page a list endpoint serves: deeper pages make the database read
 * and skip every row before them, so a crawler paging on and on is refused
 * (400 naming `page`) and told to narrow its filters instead.
 */
export const MAX_PAGE = 100;

/** The refusal of a page beyond MAX_PAGE, for class-validator's `@Max`. */
export const MAX_PAGE_MESSAGE = `page must not be greater than ${MAX_PAGE}: narrow the filters instead of paging deeper`;
