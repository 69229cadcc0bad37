package serve

// The words of the page and of the server's answers are in the message
// catalogue (package msg, msg/serve.go): a code each, with its English and
// Chinese texts. The page's own words are the ui- codes listed here.

import (
	"jixiao/model"
	"jixiao/msg"
	"jixiao/pipeline"
)

// The codes of the server's answers.
const (
	codeBadHost          = msg.ServeBadHost
	codeBadOrigin        = msg.ServeBadOrigin
	codeBadMethod        = msg.ServeBadMethod
	codeNotFound         = msg.ServeNotFound
	codeTooLarge         = msg.ServeTooLarge
	codeNoFiles          = msg.ServeNoFiles
	codeTooManyFiles     = msg.ServeTooManyFiles
	codeTooManyPages     = msg.ServeTooManyPages
	codeFormTooManyPages = msg.ServeFormTooManyPages
	codeBadUpload        = msg.ServeBadUpload
	codeBadFileName      = msg.ServeBadFileName
	codeBusy             = msg.ServeBusy
	codeBusyNow          = msg.ServeBusyNow
	codeUploadSlow       = msg.ServeUploadSlow
	codeBadNumber        = msg.ServeBadNumber
	codeBadSwitch        = msg.ServeBadSwitch
	codeBadDate          = msg.ServeBadDate
	codeBadFit           = msg.ServeBadFit
	codeBadWatermark     = msg.ServeBadWatermark
	codeBadChars         = msg.ServeBadChars
	codeBadFormList      = msg.ServeBadFormList
	codeNoSuchForm       = msg.ServeNoSuchForm
	codeNoSuchPage       = msg.ServeNoSuchPage
	codeBadDPI           = msg.ServeBadDPI
	codeBadPaper         = msg.ServeBadPaper
	codeBadGroup         = msg.ServeBadGroup
	codeBadFormat        = msg.ServeBadFormat
	codeBadPDFA          = msg.ServeBadPDFA
	codePDFANotOFD       = msg.ServePDFANotOFD
	codeBadYear          = msg.ServeBadYear
	codeFormErrors       = msg.ServeFormHasErrors
	codeBookErrors       = msg.ServeBookHasErrors
	codeNoForms          = msg.ServeNoForms
	codeInternal         = msg.ServeInternal
	codeCannotDraw       = msg.ServeCannotDraw
)

// pageWords are the words of the page (its template's t "code", its
// script's t("code")), handed to the script in the page's language.
var pageWords = []msg.Code{
	msg.UITitle,
	msg.UILead,
	msg.UIStepFiles,
	msg.UIDrop,
	msg.UIDropTypes,
	msg.UITemplateLink,
	msg.UITemplateHint,
	msg.UIRemove,
	msg.UIRemoveFile,
	msg.UIStepCheck,
	msg.UIChecking,
	msg.UIFileProblems,
	msg.UIColNo,
	msg.UIColUnit,
	msg.UIColProject,
	msg.UIColYearAmount,
	msg.UIColPages,
	msg.UIColStatus,
	msg.UIColActions,
	msg.UIStatusOk,
	msg.UIStatusWarning,
	msg.UIStatusError,
	msg.UIError,
	msg.UIWarning,
	msg.UISummaryOk,
	msg.UISummaryErrors,
	msg.UISummaryAllErrors,
	msg.UISummaryFilesBlocked,
	msg.UINoForms,
	msg.UIPreview,
	msg.UIDownloadPDF,
	msg.UIDownloadOFD,
	msg.UIStepPreview,
	msg.UIPreviewOf,
	msg.UIPageN,
	msg.UIViewerTitle,
	msg.UIPrevPage,
	msg.UINextPage,
	msg.UIClose,
	msg.UIStepDownload,
	msg.UIBlocked,
	msg.UIBlockedFiles,
	msg.UINonePicked,
	msg.UIBinderOptions,
	msg.UIReplaced,
	msg.UIPreviewHint,
	msg.UIOptionsApply,
	msg.UIPickForm,
	msg.UIPicked,
	msg.UISkipped, msg.UIListSep, msg.UIListSepLong,
	msg.UIOptDuplex,
	msg.UIOptSignature,
	msg.UIOptGroup,
	msg.UIOptPDFA,
	msg.UIPDFANone,
	msg.UIPDFA2b,
	msg.UIPDFA1b,
	msg.UIPDFA3b,
	msg.UIOptPaper,
	msg.UIPaperA4Landscape,
	msg.UIPaperA3Landscape,
	msg.UIDownloadBinder,
	msg.UIDownloadZIP,
	msg.UIDownloadBinderOFD,
	msg.UIDownloadZIPOFD,
	msg.UIBusyForm,
	msg.UIBusyZIP,
	msg.UIBusyBinder,
	msg.UIProgressWorking,
	msg.UIProgressReceiving,
	msg.UIProgressDone,
	msg.UITooLarge,
	msg.UIErrNetwork,
	msg.UIErrStatus,
	msg.UIFooter,
	// The command line's words the page uses too: a problem's place and
	// message joined (problem-at), a number of forms (unit-form).
	msg.ProblemAt,
	msg.UnitForm,
}

// text is the message c in l with args put in its {1} {2} … places (a
// string argument is user text, and escaped).
func text(l msg.Lang, c msg.Code, args ...any) string { return l.Text(c, args...) }

// pageMessages are the page's words in l, by code, for its script.
func pageMessages(l msg.Lang) map[msg.Code]string {
	m := make(map[msg.Code]string, len(pageWords))
	for _, c := range pageWords {
		m[c] = l.Text(c)
	}
	return m
}

// problemMessage is a problem's message in l.
func problemMessage(l msg.Lang, p model.Problem) string { return pipeline.ProblemMessage(l, p) }
