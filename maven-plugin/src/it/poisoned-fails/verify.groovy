// A finding at failOn fails the build with a message naming category, dataset and title; the reports are written.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log.contains("Augury found 1 finding(s) at or above 'low'")
assert log =~ /\[low\] data-quality in \S*poisoned\.jsonl: Exact duplicates: 60 rows repeat earlier rows/
assert log.contains('verdict FAIL')

def out = new File(basedir, 'target/augury')
def report = new JsonSlurper().parse(new File(out, 'augury-report.json'))
assert report.verdict == 'fail'
assert report.findings.any { it.id == 'data-quality-5d818d20' && it.severity == 'low' }
def junit = new File(out, 'augury-report.junit.xml').text
assert junit.contains('<failure')
def sarif = new JsonSlurper().parse(new File(out, 'augury-report.sarif'))
assert sarif.runs[0].results.any { it.level == 'warning' || it.level == 'error' || it.level == 'note' }
return true
