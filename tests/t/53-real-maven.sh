#!/bin/sh
# Real Maven (Debian's, with its JDK, in an image built here) through the
# shim: mvn -v, then a build of a small project against the Debian Maven
# repository (no network), producing a jar; the local repository is the
# native ~/.m2/repository, never a "?" directory of the project.
# shellcheck disable=SC1091,SC2016 # bodies are single-quoted, evaluated by test_case
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../real.sh"

write_project() {
	mkdir -p src/main/java/tbx src/test/java/tbx
	cat >pom.xml <<-EOT
	<project xmlns="http://maven.apache.org/POM/4.0.0">
	  <modelVersion>4.0.0</modelVersion>
	  <groupId>tbx.test</groupId>
	  <artifactId>hello</artifactId>
	  <version>1.0</version>
	  <properties>
	    <maven.compiler.source>17</maven.compiler.source>
	    <maven.compiler.target>17</maven.compiler.target>
	    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
	  </properties>
	  <dependencies>
	    <dependency>
	      <groupId>junit</groupId>
	      <artifactId>junit</artifactId>
	      <version>4.13.2</version>
	      <scope>test</scope>
	    </dependency>
	  </dependencies>
	</project>
	EOT
	# Debian's Maven repository, as a mirror of every remote one
	cat >settings.xml <<-EOT
	<settings>
	  <mirrors>
	    <mirror>
	      <id>debian</id>
	      <mirrorOf>*</mirrorOf>
	      <url>file:///usr/share/maven-repo</url>
	    </mirror>
	  </mirrors>
	</settings>
	EOT
	cat >src/main/java/tbx/Hello.java <<-EOT
	package tbx;

	public class Hello {
	    public static String greet(String name) { return "hello, " + name; }

	    public static void main(String[] args) { System.out.println(greet("tbx")); }
	}
	EOT
	cat >src/test/java/tbx/HelloTest.java <<-EOT
	package tbx;

	import static org.junit.Assert.assertEquals;
	import org.junit.Test;

	public class HelloTest {
	    @Test public void greets() { assertEquals("hello, x", Hello.greet("x")); }
	}
	EOT
}

test_case 'maven: mvn -v, then a tested jar built against the Debian repository' '
	need_engine
	real_catalog maven
	as_user_setup
	check_match "*Apache Maven 3.*" "$(as_user "$SHIMS/mvn" -v)"
	mkdir hello && cd hello && touch .toolbox && write_project
	chown -R "$REAL_UID:$REAL_UID" .
	as_user "$SHIMS/mvn" -B -q -s settings.xml package >"$T/mvn.log" 2>&1 ||
		{ tail -40 "$T/mvn.log" >&2; false; }
	test -f target/hello-1.0.jar
	check_match "*Tests run: 1, Failures: 0*" "$(cat target/surefire-reports/*.txt)"
	if command -v java >/dev/null; then
		check_eq "hello, tbx" "$(java -cp target/hello-1.0.jar tbx.Hello)"
	fi
	test ! -e "?"
	# the local repository is the native one, made as Maven makes it
	test -d "$HOME/.m2/repository/junit/junit/4.13.2"
	test ! -e "$HOME/.cache/tbx/maven/home/.m2/repository/junit"
	if find . "$HOME/.m2" "$HOME/.cache/tbx/maven" ! -user "$REAL_UID" | grep .; then false; fi
'
test_done
