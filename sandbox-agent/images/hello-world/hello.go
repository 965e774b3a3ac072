// hello-world: Berth's own offline counterpart of Docker's hello-world image, a static program that
// prints a greeting and exits 0.
package main

import "os"

const greeting = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon found the "hello-world" image in this sandbox's offline image set
    (Berth's own build: a static Go program in an image FROM scratch).
 3. The Docker daemon created a new container from that image which runs the
    executable that produced the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run a Debian container with:
 $ docker run -it debian bash

For more examples and ideas, see the lessons of this course.
`

func main() {
	os.Stdout.WriteString(greeting)
}
