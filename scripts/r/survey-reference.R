# Reference values for the weighting tests, computed with R's survey package.
#
# Reads the FIXTURE sample and the population margins in test/fixtures/survey-weighting/ and
# writes reference-r-survey.json beside them: the raked and trimmed weights of every respondent,
# and per question the weighted (raked, raked + trimmed) and unweighted proportions with their
# standard errors and 95% intervals. The respondents are made up; the figures are no results.
#
#   apt-get install -y r-cran-survey r-cran-jsonlite
#   Rscript scripts/r/survey-reference.R
#
# Run from the repository root. See test/fixtures/survey-weighting/README.md.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

dir <- file.path("test", "fixtures", "survey-weighting")
df <- read.csv(file.path(dir, "fixture-respondents.csv"), colClasses = "character",
               na.strings = "", encoding = "UTF-8")
margins <- read.csv(file.path(dir, "fixture-population-margins.csv"),
                    colClasses = c("character", "character", "numeric"))

# Options the TypeScript side is given too (src/features/survey/weighting/*.test.ts).
control <- list(maxit = 100, epsilon = 1e-9)
trim <- list(lower = 15, upper = 180, strict = TRUE)
questions <- c("onveilig", "rapportcijfer", "eerste_thema")
domain <- list(variable = "wijk", value = "Crabbehof")

population <- function(variable) {
  m <- margins[margins$margin == variable, ]
  out <- data.frame(m$category, Freq = m$total, stringsAsFactors = FALSE)
  names(out)[1] <- variable
  out
}

warnings_seen <- character(0)
keep_warning <- function(w) {
  warnings_seen <<- c(warnings_seen, conditionMessage(w))
  invokeRestart("muffleWarning")
}

d <- svydesign(ids = ~1, data = df, weights = ~1)
raked <- withCallingHandlers(rake(d, list(~buurt, ~leeftijd, ~geslacht),
              list(population("buurt"), population("leeftijd"), population("geslacht")),
              control = control), warning = keep_warning)
trimmed <- trimWeights(raked, lower = trim$lower, upper = trim$upper, strict = trim$strict)

proportions <- function(design, question) {
  est <- svymean(as.formula(paste0("~factor(", question, ")")), design, na.rm = TRUE)
  ci <- confint(est)
  prefix <- paste0("factor(", question, ")")
  data.frame(category = sub(prefix, "", names(coef(est)), fixed = TRUE),
             estimate = unname(coef(est)), se = unname(SE(est)),
             lower = unname(ci[, 1]), upper = unname(ci[, 2]), stringsAsFactors = FALSE)
}

per_question <- function(design) {
  setNames(lapply(questions, function(q) proportions(design, q)), questions)
}

in_domain <- function(design) {
  sub <- design[design$variables[[domain$variable]] == domain$value, ]
  setNames(lapply(questions, function(q) proportions(sub, q)), questions)
}

kish <- function(w) list(sum = sum(w), effective_n = sum(w)^2 / sum(w^2),
                         design_effect = length(w) * sum(w^2) / sum(w)^2)

out <- list(
  generated_by = "scripts/r/survey-reference.R",
  note = "FIXTURE: made-up respondents weighted to real CBS margins; not survey results.",
  r_version = R.version.string,
  survey_version = as.character(packageVersion("survey")),
  jsonlite_version = as.character(packageVersion("jsonlite")),
  control = control,
  trim = trim,
  domain = domain,
  warnings = warnings_seen,
  ids = df$id,
  weights = list(raked = unname(weights(raked)), trimmed = unname(weights(trimmed))),
  weight_summary = list(raked = kish(weights(raked)), trimmed = kish(weights(trimmed))),
  estimates = list(raked = per_question(raked), trimmed = per_question(trimmed),
                   unweighted = per_question(d)),
  domain_estimates = list(raked = in_domain(raked), unweighted = in_domain(d))
)

write_json(out, file.path(dir, "reference-r-survey.json"), auto_unbox = TRUE, digits = NA,
           pretty = TRUE, dataframe = "rows")
cat("Geschreven:", file.path(dir, "reference-r-survey.json"), "\n")
