// A planted trigger reaches failOn (high): the build fails with a message naming category, dataset and title; the
// reports are written.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /Augury found \d+ finding\(s\) at or above 'high'/
assert log =~ /\[(high|critical)\] trigger-backdoor in \S*poisoned\.jsonl: .*2027/
assert log.contains('verdict FAIL')

def out = new File(basedir, 'target/augury')
def report = new JsonSlurper().parse(new File(out, 'augury-report.json'))
assert report.verdict == 'fail'
assert report.findings.any { it.category == 'trigger-backdoor' && (it.severity == 'high' || it.severity == 'critical') && it.details.trigger.values.toString().contains('2027') }
def junit = new File(out, 'augury-report.junit.xml').text
assert junit.contains('<failure')
def sarif = new JsonSlurper().parse(new File(out, 'augury-report.sarif'))
assert sarif.runs[0].results.any { it.level == 'error' }
return true
