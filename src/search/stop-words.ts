/**
 * Words that carry no search meaning in a question ("what", "did", "the", "any", "guys").
 * Question words are read for their intent before these are dropped.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again all also am an and any anybody anyone anything are as at be been being
  but by can could did do does doing done for from get gets getting got gonna had has have having he
  her here hers him his how i if in into is it its just know let lets like me more most much my no
  not now of off on one or our out over please pls plz re really s saw see she should so some
  someone something still t than thanks that the their them then there these they thing things this
  those to too u up us very was we were what whats when where whether which while who whom whose
  why will with would within via per each every own other another only yet you your hey hi guys folks team anyway going happen happens happened happening heard
  hear yeah ok okay wondering wonder idea info information question new might may must`
    .split(/\s+/)
    .filter(Boolean),
);
