# Reference for src/features/survey/weighting/r-live.test.ts (run by that test, live):
# raking to wijk (buurten merged into their wijk), age group and sex with R's survey package,
# and the logit interval of a proportion (svyciprop, method = "logit").
#
# Usage: Rscript --vanilla wijk-rake-logit.R respondents.csv margins.csv out-dir
# respondents.csv: id, gebied, leeftijd, geslacht, onveilig (empty = no answer)
# margins.csv:     margin, category, total
# Writes out-dir/weights.csv (id, weight) and out-dir/ciprop.csv (what, estimate, lower, upper).
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
resp <- read.csv(args[1], colClasses = "character", na.strings = "")
marg <- read.csv(args[2], colClasses = c("character", "character", "numeric"))
out <- args[3]

pop <- function(v) {
  m <- marg[marg$margin == v, c("category", "total")]
  names(m) <- c(v, "Freq")
  m
}
design <- svydesign(ids = ~1, weights = ~1, data = resp)
raked <- rake(design,
  sample.margins = list(~gebied, ~leeftijd, ~geslacht),
  population.margins = list(pop("gebied"), pop("leeftijd"), pop("geslacht")),
  control = list(maxit = 50, epsilon = 1e-7, verbose = FALSE)
)
write.csv(data.frame(id = resp$id, weight = weights(raked)), file.path(out, "weights.csv"),
  row.names = FALSE)

ci <- function(d, what) {
  p <- svyciprop(~I(onveilig == "ja"), subset(d, !is.na(onveilig)), method = "logit")
  b <- attr(p, "ci")
  data.frame(what = what, estimate = as.numeric(p), lower = b[1], upper = b[2])
}
rows <- rbind(
  ci(raked, "raked"),
  ci(design, "unweighted"),
  ci(subset(raked, gebied == resp$gebied[1]), "domain")
)
write.csv(rows, file.path(out, "ciprop.csv"), row.names = FALSE)
