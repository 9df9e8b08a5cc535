/**
 * Common English words and the words of this domain: a message is taken as English only when its
 * Latin letters make words like these ("asdfgh" or "SQ123" do not). Short and hand-kept on purpose;
 * the knowledge base's English questions use these words (tests/nlu/locale.test.ts checks it).
 */
const COMMON = `a about above after again against all also am an and any are as ask asked at away back be because been
before being below between both but by can cannot could did do does doing done down during each else enough even ever
every few find for from get gets getting give given go goes going got had has have having he her here hers him his
how however i if in into is it its just keep know last least less let like made make many may me might more most
much must my need needed needs never new next no nor not now of off often old on once one only or other our out over
own please put quite rather really right said same say says see seem seems she should since so some still such sure
take tell than thank thanks that the their them then there these they thing things think this those though through
till to today told too try trying under until up upon us use used very want wanted wants was way we well went were
what when where whether which while who whom whose why will with within without would yes yet you your yours
yesterday tomorrow week weeks month months year years day days time times hour hours minute minutes morning evening
name number phone mobile address city town province district office online website form forms paper papers copy
money pay paid payment payments amount fee fees cost costs cheap free late early wait waiting waited long short
help hi hello dear sorry problem problems question questions answer answers person people human agent staff someone
call called calling contact speak talk talking chat message messages reply send sent receive received check checked
status progress update updated change changed changing correct wrong error mistake missing lost stolen broken new
apply applied applying application applications register registered registration submit submitted cancel cancelled
stop stopped start started open opened close closed find found show shown give document documents proof receipt
good great fine nice bad terrible awful service services goodbye night afternoon greetings hey hiya heya howdy hallo
thx thanx tks cheers mate lot cant won't login log sign operator anybody anyone home bot robot gotta run cya ttyl
cheerio complain complaint complaints recommend restaurant hotel weather`;

const DOMAIN = `social security insurance insured pension pensions retire retired retirement retiree elderly old age
medical medicine hospital hospitals doctor clinic treatment illness sick sickness disease diseases critical outpatient
inpatient reimburse reimbursed reimbursement claim claims drug drugs pharmacy prescription
unemployment unemployed job jobs jobless work worker workers working employer employers employee employees employment
company firm fired laid layoff resign resigned quit contract salary wage wages income
injury injured injuries accident accidents commute commuting occupational compensation disability disabled death died
maternity pregnant pregnancy birth childbirth baby babies child children childcare leave allowance subsidy subsidies
card cards bank account accounts balance transfer transferred transfers move moving moved relocate another different
certificate certificates contribution contributions contribute contributed record records history statement
benefit benefits fund funds personal individual annuity annuities rate rates base scheme schemes plan plans
local national province provincial bureau hotline government policy policies rule rules law laws eligible eligibility
arrive arrived arrival deposit deposited monthly yearly annual adjustment increase raise survivor survivors spouse
family relatives parent parents father mother husband wife son daughter foreign foreigner foreigners resident residents
labour labor capacity assessment code activate activation offsite filing file enrol enroll enrolment`;

const words = (s: string) => s.split(/\s+/).filter(Boolean);

export const ENGLISH_VOCABULARY: ReadonlySet<string> = new Set([...words(COMMON), ...words(DOMAIN)]);

/**
 * Words typed in Chinese chats as much as in English ones ("ok", "hi", "app"): alone they do not
 * make a message English.
 */
export const LOANWORDS: ReadonlySet<string> = new Set(words("ok okay hi hello hey yo bye yes no app id pdf email wifi sorry"));
