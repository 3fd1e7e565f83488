package ui

import (
	"slices"

	"spotcheck/app/triage"
)

// texts is every interface text the UI shows, each declared once below; Texts hands the list
// to triage.Load (RequireUI), which refuses a knowledge base that lacks one in any listed
// language, has a placeholder wrong, or has a meta.ui key the UI does not know.
var texts []triage.UIText

// text declares one interface text: its key and its placeholders, in the order words.ui
// takes their values.
func text(key string, args ...string) triage.UIText {
	t := triage.UIText{Key: key, Args: args}
	texts = append(texts, t)
	return t
}

// Texts returns the interface texts the UI needs, for triage.RequireUI.
func Texts() []triage.UIText { return slices.Clone(texts) }

// The texts of meta itself, which the engine requires too.
var (
	tName           = text("name")
	tTagline        = text("tagline")
	tDisclaimer     = text("disclaimer")
	tPrivacy        = text("privacy")
	tEmergencyIntro = text("emergency_intro")
	tUnsure         = text("unsure")
	tYes            = text("yes")
	tNo             = text("no")
)

// The texts of meta.ui.
var (
	tShortName           = text("short_name")
	tPageTitle           = text("page_title")
	tLoading             = text("loading", "progress")
	tStartTitle          = text("start_title")
	tStart               = text("start")
	tStartIntro          = text("start_intro")
	tBack                = text("back")
	tNext                = text("next")
	tStartAgain          = text("start_again")
	tPrint               = text("print")
	tWhy                 = text("why")
	tYourResult          = text("your_result")
	tLikelyCauses        = text("likely_causes")
	tOtherCauses         = text("other_causes")
	tCauseMostLikely     = text("cause_most_likely")
	tCausePossible       = text("cause_possible")
	tCauseLessLikely     = text("cause_less_likely")
	tCauseRuleOut        = text("cause_rule_out")
	tCauseRuleOutName    = text("cause_rule_out_name", "cause")
	tCheckNow            = text("check_now")
	tAlso                = text("also")
	tAboutCause          = text("about_cause")
	tLooksLike           = text("looks_like")
	tWhoGetsIt           = text("who_gets_it")
	tSelfCare            = text("self_care")
	tGetCare             = text("get_care")
	tWatchFor            = text("what_to_watch_for")
	tWatchForText        = text("watch_for_text")
	tComeBackIf          = text("come_back_if")
	tComeBackIfText      = text("come_back_if_text")
	tSources             = text("sources")
	tYourAnswers         = text("your_answers")
	tChangeAnswer        = text("change_answer")
	tChooseAll           = text("choose_all")
	tEnterNumber         = text("enter_number")
	tNumberOutOfRange    = text("number_out_of_range", "min", "max", "unit")
	tAgeOutOfRange       = text("age_out_of_range", "max")
	tAgeInMonths         = text("age_in_months")
	tMonths              = text("months")
	tOfflineReady        = text("offline_ready")
	tOfflineNow          = text("offline_now")
	tUpdateAvailable     = text("update_available")
	tUpdateReload        = text("update_reload")
	tEmergencyNumber     = text("emergency_number")
	tEmergencyNumberHelp = text("emergency_number_help")
	tCallNumber          = text("call_number", "number")
	tNoneOfThese         = text("none_of_these")
	tQuestionsLeft       = text("questions_left", "n")
	tQuestionLeft        = text("question_left")
	tContinued           = text("continued", "title")
	tScreenTitle         = text("screen_title", "screen", "name")
	tRestartConfirm      = text("restart_confirm")
	tRestartYes          = text("restart_yes")
	tCancel              = text("cancel")
	tPrivacyTab          = text("privacy_tab")
	tPrintName           = text("print_name")
	tPrintBirth          = text("print_birth")
	tPrintFound          = text("print_found")
	tCallLocalNumber     = text("call_local_number", "number")
	tNumberOption        = text("number_option", "country", "number")
	tStartWait           = text("start_wait")
	tInstall             = text("install")
	tInstallApple        = text("install_apple")
	tMoreAbout           = text("more_about")
	tNumberElsewhere     = text("number_elsewhere")
	tNotADiagnosis       = text("not_a_diagnosis")
	tVersion             = text("version", "version", "reviewed")
	tPrintedOn           = text("printed_on", "date")
	tSkipToResult        = text("skip_to_result")
	tWaitTitle           = text("wait_title")
	tWaitText            = text("wait_text")
	tWaitStart           = text("wait_start")
	tWaitBanner          = text("wait_banner")
	tBodyMap             = text("body_map")
	tBodyFront           = text("body_front")
	tBodyBack            = text("body_back")
	tEvidenceFor         = text("evidence_for")
	tEvidenceAgainst     = text("evidence_against")
	tChecklistLegend     = text("checklist_legend")
	tChecklistHint       = text("checklist_hint")
	tChecklistNone       = text("checklist_none")
	tChecklistUnsure     = text("checklist_unsure")
	tChecklistUnsureHelp = text("checklist_unsure_help")
	tChecklistOr         = text("checklist_or")
	tChecklistEmpty      = text("checklist_empty")
	tErrorSummaryTitle   = text("error_summary_title")
	tLanguage            = text("language")
)
