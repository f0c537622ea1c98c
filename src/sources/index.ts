/**
 * The source registry, most specific first: detection asks every source to
 * score a sample and the highest score wins (ties go to the earlier entry).
 * Adding a format is one file plus one line here.
 */
import type { SourceDef } from "./define.js";
import cckpiIntervals from "./cckpi-intervals.js";
import asteriskQueueLog from "./asterisk-queue-log.js";
import cckpiContacts from "./cckpi-contacts.js";
import mapped from "./mapped.js";
import mappedIntervals from "./mapped-intervals.js";
import asteriskCdr from "./asterisk-cdr.js";
import freeswitchCdr from "./freeswitch-cdr.js";
import ciscoCucmCdr from "./cisco-cucm-cdr.js";
import avayaCms from "./avaya-cms.js";
import amazonConnectCtr from "./amazon-connect-ctr.js";
import amazonConnectAgentEvents from "./amazon-connect-agent-events.js";
import genesysCloud from "./genesys-cloud.js";
import twilioTaskrouter from "./twilio-taskrouter.js";
import schedule from "./schedule.js";
import agentStates from "./agent-states.js";

export const builtinSources: readonly SourceDef[] = [cckpiIntervals, asteriskQueueLog, amazonConnectAgentEvents, amazonConnectCtr, genesysCloud, twilioTaskrouter, ciscoCucmCdr, avayaCms, mapped, mappedIntervals, cckpiContacts, asteriskCdr, freeswitchCdr, schedule, agentStates];
