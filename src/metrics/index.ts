/**
 * The metric registry: every built-in metric, in the order `cckpi metrics` and the
 * README list them. Adding a metric is one file plus one line here; a test checks
 * that every file in this folder is registered and documented in the README.
 */
import type { MetricDef } from "./define.js";
import offered from "./offered.js";
import answered from "./answered.js";
import abandoned from "./abandoned.js";
import shortAbandoned from "./short-abandoned.js";
import timeout from "./timeout.js";
import notJoined from "./not-joined.js";
import answerRate from "./answer-rate.js";
import abandonRate from "./abandon-rate.js";
import serviceLevel from "./service-level.js";
import slBuckets from "./sl-buckets.js";
import asa from "./asa.js";
import avgWaitAll from "./avg-wait-all.js";
import avgAbandonTime from "./avg-abandon-time.js";
import maxWait from "./max-wait.js";
import aht from "./aht.js";
import waitPercentile from "./wait-percentile.js";
import handlePercentile from "./handle-percentile.js";
import avgTalk from "./avg-talk.js";
import avgHold from "./avg-hold.js";
import avgAcw from "./avg-acw.js";
import transferRate from "./transfer-rate.js";
import holdRate from "./hold-rate.js";
import csat from "./csat.js";
import csatTopBox from "./csat-top-box.js";
import resolved from "./resolved.js";
import resolutionRate from "./resolution-rate.js";
import fcr from "./fcr.js";
import repeatRate from "./repeat-rate.js";
import fcrCensored from "./fcr-censored.js";
import loggedIn from "./logged-in.js";
import available from "./available.js";
import talking from "./talking.js";
import acw from "./acw.js";
import paused from "./paused.js";
import occupancy from "./occupancy.js";
import utilization from "./utilization.js";
import contactsPerHour from "./contacts-per-hour.js";
import contactsPerShift from "./contacts-per-shift.js";
import adherence from "./adherence.js";
import conformance from "./conformance.js";

export const builtinMetrics: readonly MetricDef[] = [
  offered,
  answered,
  abandoned,
  shortAbandoned,
  timeout,
  notJoined,
  answerRate,
  abandonRate,
  serviceLevel,
  slBuckets,
  asa,
  avgWaitAll,
  avgAbandonTime,
  maxWait,
  waitPercentile,
  aht,
  handlePercentile,
  avgTalk,
  avgHold,
  avgAcw,
  transferRate,
  holdRate,
  csat,
  csatTopBox,
  resolved,
  resolutionRate,
  fcr,
  repeatRate,
  fcrCensored,
  loggedIn,
  available,
  talking,
  acw,
  paused,
  occupancy,
  utilization,
  contactsPerHour,
  contactsPerShift,
  adherence,
  conformance,
] as readonly MetricDef[];
